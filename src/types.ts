/** Any function, for constraints: `any`, so that every signature fits. */
export type AnyFunction = (...args: any[]) => any;

/** A function of no arguments that produces a `T`. */
export type Thunk<T> = () => T;

/** A value, or something that can be awaited to get it. */
export type MaybeAwaitable<T> = T | PromiseLike<T>;

export type CallableMaybeAwaitable<A extends unknown[], T> = (...args: A) => MaybeAwaitable<T>;

export type CallableAwaitable<A extends unknown[], T> = (...args: A) => PromiseLike<T>;

export type ThunkMaybeAwaitable<T> = Thunk<MaybeAwaitable<T>>;

/**
 * What a blocking call returns for `R`: the awaited result; for an async iterable that is not a promise, a sync
 * iterable whose `next()` blocks.
 */
export type BlockingResult<R> = [R] extends [PromiseLike<any>]
  ? Awaited<R>
  : [R] extends [AsyncIterable<infer T>]
    ? Iterable<T>
    : Awaited<R>;

// The blocking options live with their one validator.
export type { Strategy, ReentrancyPolicy, DivergencePolicy, SyncOptions } from './options.js';
