/** What makes a function count as async, recorded and read through reflect-metadata. */
import { reflectMetadata } from './reflect.js';
import { COROUTINE_KEY, DESIGN_RETURN_TYPE_KEY, WRAPS_KEY, type CoroutineReason } from './keys.js';

/** Records why `fn` is (or, with `false`, is not) a coroutine function. */
export function recordCoroutine(fn: Function, reason: CoroutineReason | false): void {
  reflectMetadata.defineMetadata(COROUTINE_KEY, reason, fn);
}

/** Marks `fn` as a coroutine function: for promise-returning functions that are not `async`. Returns `fn`. */
export function markCoroutine<F extends Function>(fn: F): F {
  recordCoroutine(fn, 'marked');
  return fn;
}

/** Records that `wrapper` wraps `wrapped`, so it is judged by what it wraps. Returns `wrapper`. */
export function markWrapper<F extends Function>(wrapper: F, wrapped: Function): F {
  reflectMetadata.defineMetadata(WRAPS_KEY, wrapped, wrapper);
  return wrapper;
}

/** Why `fn` is a coroutine function, or `undefined`; with `target` and `key`, that member's metadata too. Never throws. */
export function coroutineReason(fn: unknown, target?: object, key?: string | symbol): CoroutineReason | undefined {
  try {
    return reasonOf(fn, target, key, 0);
  } catch {
    return undefined; // a hostile Proxy or getter: not something we can call a coroutine
  }
}

function reasonOf(
  fn: unknown,
  target: object | undefined,
  key: string | symbol | undefined,
  depth: number,
): CoroutineReason | undefined {
  if (target !== undefined && key !== undefined) {
    const marked = reflectMetadata.getMetadata(COROUTINE_KEY, target, key) as CoroutineReason | false | undefined;
    if (marked !== undefined) return marked || undefined;
    if (reflectMetadata.getMetadata(DESIGN_RETURN_TYPE_KEY, target, key) === Promise && typeof fn === 'function')
      return 'design-type';
  }
  if (typeof fn !== 'function') return undefined;
  const recorded = reflectMetadata.getOwnMetadata(COROUTINE_KEY, fn) as CoroutineReason | false | undefined;
  if (recorded !== undefined) return recorded || undefined;
  if (Object.prototype.toString.call(fn) === '[object AsyncFunction]') return 'native'; // other realms too
  const wrapped = reflectMetadata.getOwnMetadata(WRAPS_KEY, fn) as unknown;
  if (wrapped !== undefined && depth < 32 && reasonOf(wrapped, undefined, undefined, depth + 1)) return 'wrapper';
  return undefined;
}

/**
 * True for native async functions, functions asynchro made async, wrappers of either and functions marked as
 * coroutines; `isReallyCoroutineFunction(object, 'method')` also reads that member's metadata. Never throws.
 */
export function isReallyCoroutineFunction(fn: unknown): boolean;
export function isReallyCoroutineFunction(target: object, key: string | symbol): boolean;
export function isReallyCoroutineFunction(fnOrTarget: unknown, key?: string | symbol): boolean {
  if (key === undefined) return coroutineReason(fnOrTarget) !== undefined;
  try {
    const target = fnOrTarget as Record<string | symbol, unknown>;
    return coroutineReason(target[key], target, key) !== undefined;
  } catch {
    return false;
  }
}
