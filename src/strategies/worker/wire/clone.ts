/**
 * Structured-clone checks, on both threads: whether a value can cross, where the part that cannot is (for
 * WorkerCloneError), a decorated instance's data fields, and short descriptions of values for messages.
 */

/** Throws a DataCloneError when `value` cannot be structured-cloned. */
export const assertCloneable = (value: unknown): void => void structuredClone(value);

export function isCloneable(value: unknown): boolean {
  try {
    assertCloneable(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where inside `value` the first part that cannot be cloned is, as a property path (`.fetch`, `.options.agent`,
 * `[2]`); empty when it is `value` itself (or nothing is found within a few levels).
 */
export function uncloneablePath(value: unknown, depth = 0, seen = new Set<object>()): string {
  if (depth > 6 || typeof value !== 'object' || value === null || seen.has(value)) return '';
  seen.add(value);
  let entries: [string, unknown][];
  try {
    if (value instanceof Map)
      entries = [...value.entries()].map(([key, child]): [string, unknown] => [`.get(${String(key)})`, child]);
    else if (Array.isArray(value)) entries = value.map((child, index): [string, unknown] => [`[${index}]`, child]);
    else
      entries = Object.keys(value).map((key): [string, unknown] => [
        `.${key}`,
        (value as Record<string, unknown>)[key],
      ]);
  } catch {
    return ''; // a throwing getter: the value itself is the one that cannot cross
  }
  for (const [key, child] of entries) if (!isCloneable(child)) return key + uncloneablePath(child, depth + 1, seen);
  return '';
}

/** The value at `path` (as `uncloneablePath` writes it) inside `value`, for describing it. */
export function valueAt(value: unknown, path: string): unknown {
  let at = value;
  for (const [, key, index, mapKey] of path.matchAll(/\.([^.[]+)|\[(\d+)\]|\.get\(([^)]*)\)/g)) {
    try {
      if (mapKey !== undefined && at instanceof Map)
        at = [...at.entries()].find(([candidate]) => String(candidate) === mapKey)?.[1];
      else at = (at as Record<string, unknown>)[key ?? index!];
    } catch {
      return undefined;
    }
  }
  return at;
}

/**
 * A decorated instance's data fields that cross with each call and come back: cloneable primitives, plain objects and
 * arrays. Functions and class instances (a client, an agent) stay, never replaced by a plain copy.
 */
export function dataFields(instance: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(instance)) {
    let value: unknown;
    try {
      value = (instance as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    if (value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol'))
      fields[key] = value;
    else if (typeof value === 'object' && isPlainData(value)) fields[key] = value;
  }
  return fields;
}

function isPlainData(value: object): boolean {
  try {
    const prototype = Object.getPrototypeOf(value) as unknown;
    return (prototype === Object.prototype || prototype === null || Array.isArray(value)) && isCloneable(value);
  } catch {
    return false; // a revoked Proxy
  }
}

/** A value for messages (`an instance of Socket`); a placeholder where reading it throws (a revoked Proxy). */
export function describe(value: unknown): string {
  try {
    if (typeof value === 'function') {
      const name: unknown = value.name;
      return `a function${typeof name === 'string' && name ? ` (${name})` : ''}`;
    }
    if (typeof value === 'symbol') return 'a symbol';
    if (value !== null && typeof value === 'object') {
      const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
      return typeof name === 'string' && name && name !== 'Object'
        ? `an instance of ${name}`
        : 'an object holding something that cannot be cloned';
    }
    return typeof value;
  } catch {
    return 'a value that cannot be described';
  }
}

export const describeSafely = describe;
