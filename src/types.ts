/** Any function, for constraints (`F extends AnyFunction`): `any`, so that every signature fits. Internal. */
export type AnyFunction = (...args: any[]) => any;

/** A function of no arguments that produces a `T`. */
export type Thunk<T> = () => T;

/** A value, or something that can be awaited to get it. */
export type MaybeAwaitable<T> = T | PromiseLike<T>;

/** A function that returns a value or an awaitable of it. */
export type CallableMaybeAwaitable<A extends unknown[], T> = (...args: A) => MaybeAwaitable<T>;

/** A function that always returns an awaitable. */
export type CallableAwaitable<A extends unknown[], T> = (...args: A) => PromiseLike<T>;

/** A thunk that returns a value or an awaitable of it. */
export type ThunkMaybeAwaitable<T> = Thunk<MaybeAwaitable<T>>;

/**
 * What a blocking call (a generated variant, `workerSynced`) returns for a method returning `R`: the awaited result; for an async iterable that is not a
 * promise (an async generator, a stream), a sync iterable of its items whose `next()` blocks.
 */
export type BlockingResult<R> = [R] extends [PromiseLike<any>]
  ? Awaited<R>
  : [R] extends [AsyncIterable<infer T>]
    ? Iterable<T>
    : Awaited<R>;

// The blocking options live with their one validator; exported from here as before.
export type { Strategy, ReentrancyPolicy, DivergencePolicy, SyncOptions } from './options.js';
