/**
 * Divergence: what this thread can see that a twin in a worker would run differently: a replaced global `fetch`, a
 * MockAgent dispatcher, and an object's methods against those it had when its twin's program was fixed. Checks
 * compare identities, so a call pays a few property reads.
 */

/**
 * Whether `fetch` is the runtime's own: Node's source text shows its bundled undici, whenever a replacement was made.
 * Bun's and Deno's show nothing: there, the one found at load counts as theirs.
 */
const otherRuntime = process.versions.bun !== undefined || process.versions.deno !== undefined;
const fetchAtLoad = (globalThis as { fetch?: unknown }).fetch;
const isOwnFetch = (fetch: unknown): boolean =>
  otherRuntime
    ? fetch === fetchAtLoad
    : typeof fetch === 'function' && Function.prototype.toString.call(fetch).includes('internal/deps/undici/undici');

/** undici's global dispatcher (Node's and the npm package's). */
const DISPATCHER = Symbol.for('undici.globalDispatcher.1');

let fetchSeen: unknown;
let fetchIsOwn = true;
let dispatcherSeen: unknown;
let dispatcherIsMock = false;

/** What a worker thread would not share with this one on any call, or `undefined`; judged once per value seen. */
export function globalDivergence(): string | undefined {
  const { fetch } = globalThis as { fetch?: unknown };
  if (fetch !== fetchSeen) {
    fetchSeen = fetch;
    fetchIsOwn = fetch === undefined || isOwnFetch(fetch);
  }
  if (!fetchIsOwn)
    return "globalThis.fetch on this thread is not the runtime's own fetch (a mock, a spy or an interceptor replaced it), and the worker thread has the runtime's";
  const dispatcher = (globalThis as Record<symbol, unknown>)[DISPATCHER];
  if (dispatcher !== dispatcherSeen) {
    dispatcherSeen = dispatcher;
    dispatcherIsMock = nameOf(dispatcher) === 'MockAgent';
  }
  if (dispatcherIsMock)
    return "undici's global dispatcher on this thread is a MockAgent (setGlobalDispatcher), which the worker thread does not have";
  return undefined;
}

function nameOf(value: unknown): string | undefined {
  try {
    return (value as { constructor?: { name?: string } } | undefined)?.constructor?.name;
  } catch {
    return undefined;
  }
}

export type Methods = ReadonlyMap<string, Function>;

const snapshots = new WeakMap<object, Methods>();

/**
 * The methods `prototype` and its ancestors hold now, taken once per prototype: a decorated class's when decorated
 * (what the worker's import gets), any other's when first asked.
 */
export function methodsOf(prototype: object): Methods {
  let methods = snapshots.get(prototype);
  if (methods) return methods;
  const found = new Map<string, Function>();
  for (
    let level: object | null = prototype;
    level !== null && level !== Object.prototype;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(level)) {
      if (key === 'constructor' || found.has(key)) continue;
      const value = Object.getOwnPropertyDescriptor(level, key)?.value as unknown;
      if (typeof value === 'function') found.set(key, value);
    }
  }
  snapshots.set(prototype, (methods = found));
  return methods;
}

/**
 * What an object should hold at each method name (its prototype's snapshot, overlaid by its own function fields when
 * constructed), and its own keys then. Arrays, not a Map: the check walks them on every call.
 */
export interface Expected {
  readonly keys: readonly string[];
  readonly functions: readonly Function[];
  readonly ownKeys: readonly string[];
}

export function expectedMembers(object: object): Expected {
  const expected = new Map(methodsOf(Object.getPrototypeOf(object) as object));
  const ownKeys = Object.keys(object);
  for (const key of ownKeys) {
    const value = readSafely(object, key);
    if (typeof value === 'function') expected.set(key, value);
  }
  return { keys: [...expected.keys()], functions: [...expected.values()], ownKeys };
}

/** The first member of `object` that is not what `expected` says. */
export function changedMember(object: object, { keys, functions, ownKeys }: Expected): string | undefined {
  for (let index = 0; index < keys.length; index++) {
    if ((object as Record<string, unknown>)[keys[index]!] !== functions[index]) return keys[index];
  }
  const now = Object.keys(object);
  if (now.length === ownKeys.length && now.every((key, index) => key === ownKeys[index])) return undefined;
  for (const key of now) {
    if (!ownKeys.includes(key) && !keys.includes(key) && typeof readSafely(object, key) === 'function') return key;
  }
  return undefined;
}

function readSafely(object: object, key: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * The first function inside `args` that `kept` does not hold anywhere (what a twin built from `kept` goes without),
 * with its path, like `constructor argument 0, .fetch`.
 */
export function droppedFunction(args: readonly unknown[], kept: readonly unknown[]): [string, Function] | undefined {
  const keptFunctions = new Set<Function>();
  walk(kept, '', (_, fn) => void keptFunctions.add(fn));
  let dropped: [string, Function] | undefined;
  for (const [index, arg] of args.entries()) {
    walk([arg], `constructor argument ${index}`, (path, fn) => {
      if (!dropped && !keptFunctions.has(fn)) dropped = [path, fn];
    });
  }
  return dropped;
}

function walk(values: readonly unknown[], at: string, found: (path: string, fn: Function) => void): void {
  const seen = new Set<object>();
  const visit = (value: unknown, path: string, depth: number): void => {
    if (typeof value === 'function') return found(path, value);
    if (typeof value !== 'object' || value === null || depth > 4 || seen.has(value)) return;
    seen.add(value);
    const prototype = Object.getPrototypeOf(value) as unknown;
    const separator = depth === 0 ? ', ' : '';
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, `${path}${separator}[${index}]`, depth + 1);
    } else if (prototype === Object.prototype || prototype === null)
      for (const key of Object.keys(value)) visit(readSafely(value, key), `${path}${separator}.${key}`, depth + 1);
  };
  for (const value of values) visit(value, at, 0);
}
