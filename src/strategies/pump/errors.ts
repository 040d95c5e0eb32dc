/**
 * The errors of the pump, each saying what happened and what to do: no pump in this process, a timeout, a dead loop
 * (deadlock), timers wedged by a blocked timer callback, hidden handles in a thread-pool callback.
 */
import { PROBE_BOUND_MS } from '../../config.js';
import { DeadlockError, PumpUnavailableError, SyncContextError, SyncTimeoutError } from '../../errors.js';
import { labelOf, type CallLabel } from '../call-label.js';
import type { PumpUnavailable } from './engine.js';

/** The error for `call` refused because the pump cannot run here; `started`: whether its work had begun. */
export function pumpUnavailableError(
  call: CallLabel,
  { runtime, reason, cause }: PumpUnavailable,
  started: boolean,
): PumpUnavailableError {
  return new PumpUnavailableError(
    `${labelOf(call)} cannot block on ${runtime}: ${reason}. ` +
      (started ? 'The work had already started and goes on without a waiter. ' : 'The work was not started. ') +
      'Await the async function instead, or make the target relocatable so that it runs in a worker thread ' +
      "(workerSynced(module, exportName), or exposeSync's `module` option): strategy 'auto' sends relocatable " +
      'targets there wherever the pump cannot run.',
    runtime,
    { cause, functionName: call.functionName },
  );
}

export function timeoutError(timeout: number, call: CallLabel): SyncTimeoutError {
  return new SyncTimeoutError(
    `${labelOf(call)} timed out after ${timeout} ms; its signal (currentSignal()) was aborted with this error: ` +
      `work that passes it on stops, other work goes on in the background, its result discarded. Raise ` +
      `\`timeout\` or await the work instead.`,
    timeout,
    { functionName: call.functionName },
  );
}

export function timersWedgedError(call: CallLabel): DeadlockError {
  return new DeadlockError(
    `${labelOf(call)} can never finish here: its work waits on a timer, but this call is nested inside a timer ` +
      `callback that is itself blocked, and Node's timers cannot fire again until that callback returns. ` +
      `Make the outer call from a setImmediate or I/O callback, or use the async method in timer callbacks.`,
    { functionName: call.functionName },
  );
}

export function hiddenHandlesError(call: CallLabel): SyncContextError {
  return new SyncContextError(
    `${labelOf(call)} cannot block here: it runs inside a thread-pool completion callback after all (found while ` +
      `waiting: a probe of V8's platform tasks did not come back in ${PROBE_BOUND_MS} ms), most likely a tick or ` +
      `callback run from an fs, zlib, dns or crypto callback. There libuv hides the loop's async handles, so a ` +
      `worker reply or a WebAssembly result would never arrive. The work had already started and goes on without ` +
      `a waiter. Leave the callback with setImmediate(() => ...) before blocking, or await the work.`,
    { functionName: call.functionName },
  );
}

export function deadlockError(call: CallLabel): DeadlockError {
  return new DeadlockError(
    `${labelOf(call)} can never finish: its promise is pending and the event loop holds ` +
      `nothing (no timer, socket, file request or worker) that could settle it, and nothing came for 0.5 s. A ` +
      `never-settling promise or an unref'd timer look like this. ` +
      `Settle the promise, or await the work instead of blocking on it.`,
    { functionName: call.functionName },
  );
}
