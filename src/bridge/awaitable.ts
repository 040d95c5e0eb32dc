/**
 * The callable `then` of a thenable, or `undefined`. Never throws (a throwing `then` getter cannot be awaited safely).
 * The bridge passes this function on, so a `then` getter runs once per call.
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
