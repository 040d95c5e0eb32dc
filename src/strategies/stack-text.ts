/**
 * The current stack as text, in V8's default format whatever `Error.prepareStackTrace` the program set (one that
 * throws must not replace asynchro's result). Never throws.
 */
export function stackText(limit: number, below: Function = stackText): string {
  const { stackTraceLimit, prepareStackTrace } = Error;
  const holder: { stack?: unknown } = {};
  try {
    Error.stackTraceLimit = limit;
    (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
    Error.captureStackTrace(holder, below);
    return String(holder.stack);
  } catch {
    return ''; // frozen intrinsics
  } finally {
    try {
      Error.stackTraceLimit = stackTraceLimit;
      Error.prepareStackTrace = prepareStackTrace;
    } catch {}
  }
}
