/**
 * The current stack as text, for asynchro's own use (which callback runs, the caller's frames for a worker's error):
 * read with V8's default formatting whatever the program set `Error.prepareStackTrace` to (one that throws must not
 * replace asynchro's result or error), and never throwing.
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
