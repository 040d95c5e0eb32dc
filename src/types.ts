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
 * How a sync call blocks.
 * - `'pump'`: turn this thread's event loop until the result is ready (shares `this` and context).
 * - `'worker'`: run the work in a worker thread and wait for its reply (relocatable targets only).
 * - `'auto'`: the pump where the calling context allows it, else the worker where the target can move,
 *   else `SyncContextError`.
 */
export type Strategy = 'auto' | 'pump' | 'worker';

/**
 * What happens when a callback run by a pump starts another blocking call, or re-enters an instance whose sync
 * method is blocked: `'allow'` (default), `'warn'` (a process warning once per site) or `'throw'` (ReentrancyError).
 */
export type ReentrancyPolicy = 'allow' | 'warn' | 'throw';

/** Options shared by every blocking call. */
export interface SyncOptions {
  /** Give up after this many milliseconds with `SyncTimeoutError`. No default: wait as long as it takes. */
  timeout?: number;
  /** End the wait with the signal's reason when it aborts. */
  signal?: AbortSignal;
  /** How to block. Default `'auto'`. */
  strategy?: Strategy;
  /** Re-entrancy policy while this call is blocked. Default: `setReentrancyPolicy()`, else `'allow'`. */
  reentrancy?: ReentrancyPolicy;
}
