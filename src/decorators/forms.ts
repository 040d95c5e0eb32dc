/** Telling decorator calls apart. None of these checks throws, so `desync(value)` never throws for the core call. */

/** True for a standard decorator context (`{ kind, addInitializer, ... }`). */
export function isDecoratorContext(value: unknown): value is DecoratorContext {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return (
      typeof (value as { kind?: unknown }).kind === 'string' &&
      typeof (value as { addInitializer?: unknown }).addInitializer === 'function'
    );
  } catch {
    return false;
  }
}

/** True for an ES class: its source text starts with `class` (a down-levelled class or a plain function does not). */
export function isEsClass(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  try {
    return /^class\b/.test(Function.prototype.toString.call(value));
  } catch {
    return false; // a revoked Proxy
  }
}

/** True for a plain object (`{...}` or `Object.create(null)`): what options look like. */
export function isOptionsObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const prototype = Object.getPrototypeOf(value) as unknown;
    return prototype === Object.prototype || prototype === null;
  } catch {
    return false;
  }
}
