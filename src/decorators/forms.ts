/**
 * Telling decorator calls apart: a TC39 standard decorator gets a context object as its second argument; an ES class
 * shows itself in its source text; options are a plain object. None of these checks throws (a revoked Proxy, a getter
 * that throws: then it is not one), so `desync(value)` can always tell, and never throws for the core call.
 */

/** True for a TC39 standard decorator context (`{ kind, name, addInitializer, ... }`); no options object looks like one. */
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

/** True for a plain object (`{...}` or `Object.create(null)`): what options look like, unlike functions and arrays. */
export function isOptionsObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const prototype = Object.getPrototypeOf(value) as unknown;
    return prototype === Object.prototype || prototype === null;
  } catch {
    return false;
  }
}
