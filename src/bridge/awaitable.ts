/**
 * The `then` of a thenable (an object or function with a callable `then`), read once, or `undefined` for anything else.
 * Never throws: a `then` getter that throws cannot be awaited safely. The bridge hands this very function on, so a
 * thenable's `then` is read once per call.
 */
export function thenOf(value: unknown): Function | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  try {
    const then: unknown = (value as { then?: unknown }).then;
    return typeof then === 'function' ? then : undefined;
  } catch {
    return undefined;
  }
}

/** True for any thenable (an object or function with a callable `then`). Never throws. */
export function isAwaitable(value: unknown): value is PromiseLike<unknown> {
  return thenOf(value) !== undefined;
}
