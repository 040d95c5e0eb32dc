/**
 * Coroutine detection: what makes a function count as async (native `async`, a mark, a wrapper of one, a design
 * return type of `Promise`), recorded and read through reflect-metadata.
 */
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

/**
 * Why `fn` is a coroutine function, or `undefined` when it is not one. With `target` and `key`, also reads the
 * metadata of that member (a `@coroutine` mark or an emitted `design:returntype` of `Promise`). Never throws.
 */
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
 * True for native async functions, functions asynchro made async, wrappers of either, functions marked as
 * coroutines in metadata and, given `(target, key)`, methods whose metadata says so. False otherwise; never throws.
 *
 * `isReallyCoroutineFunction(fn)` judges a function; `isReallyCoroutineFunction(objectOrPrototype, 'method')`
 * judges that member, metadata included.
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
