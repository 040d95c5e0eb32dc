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

// The blocking options live with their one validator; exported from here as before.
export type { Strategy, ReentrancyPolicy, SyncOptions } from './options.js';
