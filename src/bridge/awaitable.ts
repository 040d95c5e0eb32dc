/** True for any thenable (an object or function with a callable `then`). Never throws. */
export function isAwaitable(value: unknown): value is PromiseLike<unknown> {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    // inside the try: `instanceof` runs a Proxy's getPrototypeOf trap, which may throw
    return value instanceof Promise || typeof (value as { then?: unknown }).then === 'function';
  } catch {
    return false; // a `then` getter that throws cannot be awaited safely
  }
}
