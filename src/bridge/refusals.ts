/** The messages of the refusals where the pump cannot block: `SyncContextError`, `SyncDepthError`. */
import { MAX_PUMP_DEPTH } from '../config.js';
import { DivergenceError, SyncContextError, SyncDepthError } from '../errors.js';
import { labelOf, type CallLabel } from '../strategies/call-label.js';
import { pumpUnavailable, pumpUnavailableError, type PumpBlocker } from '../strategies/pump/index.js';

const WHY_NOT: Record<Exclude<PumpBlocker, 'unavailable'>, string> = {
  microtask:
    'the caller is running inside a microtask (after an `await`, in a `.then` callback, in queueMicrotask, at an ' +
    "ES module's top level, or in an async test body), where turning the event loop would hang. ",
  'nested-in-timer':
    'it was called from a timer callback while another blocking call is in progress on this thread (or from another ' +
    "callback while a timer callback's call blocks), and timer callbacks re-entered that deeply corrupt Node's timer " +
    'queue. ',
  'thread-pool':
    'it was called from a thread-pool completion callback (an fs callback API, a read stream or readline over a ' +
    "file, dns.lookup, zlib or crypto), where libuv hides the loop's async handles from a nested event loop: a " +
    'worker reply, a WebAssembly result or a first fetch would never arrive and the call could wait forever. ',
  'worker-thread':
    "it was called in asynchro's worker thread (a worker target, or code it runs), whose event loop serves the " +
    'thread that is blocked waiting for this call: blocking that loop would nest it under the call it is running. ',
  'message-port':
    "it was called from a MessagePort callback (a Worker's 'message' event, a MessageChannel port's or a " +
    "BroadcastChannel's message), which Node goes on using after the callback returns: a nested event loop there " +
    'can run what closes that port (a Worker ending), and Node then crashes. ',
  'later-immediate':
    'it was called from a setImmediate callback that ran after another one in the same turn of the event loop, ' +
    "where Node's immediate queue is not re-entrant: turning the loop there crashes Node as soon as any immediate " +
    'is queued, even by a socket or timer callback of the wait. ',
  'too-deep':
    `${MAX_PUMP_DEPTH} blocking calls are already in progress on this thread, each in a callback run by the one ` +
    `before; every level keeps a nested event loop on the native stack, and deeper nesting would overflow it. `,
};

/** Where the same call can block instead. */
const INSTEAD: Record<Exclude<PumpBlocker, 'too-deep' | 'unavailable'>, string> = {
  microtask:
    'call from CommonJS or a setImmediate callback (`setImmediate(() => ...)` leaves the microtask; in a test, so do ' +
    '`pumped` and `runPumped` from asynchro-bridge/testing)',
  'nested-in-timer':
    'make blocking calls from setImmediate callbacks rather than timer callbacks ' +
    '(`setTimeout(() => setImmediate(() => ...))`)',
  'thread-pool': 'call from a setImmediate callback (`setImmediate(() => ...)` leaves the thread-pool callback)',
  'message-port': 'call from a setImmediate callback (`setImmediate(() => ...)` leaves the message callback)',
  'worker-thread': 'make the worker target async and await there (its caller blocks on it anyway)',
  'later-immediate':
    'call from a timer callback (`setTimeout(() => ...)`) or from the first setImmediate callback of a turn',
};

/** `started`: whether the call's work had begun. */
export function contextError(call: CallLabel, blocker: PumpBlocker, started: boolean): SyncContextError {
  if (blocker === 'unavailable') return pumpUnavailableError(call, pumpUnavailable()!, started);
  const message =
    `${labelOf(call)} cannot block here: ${WHY_NOT[blocker]}` +
    (started ? 'The work had already started and goes on without a waiter. ' : 'The work was not started. ');
  const options = { functionName: call.functionName };
  if (blocker === 'too-deep') {
    return new SyncDepthError(
      `${message}Use the async method in callbacks that run during a blocking call.`,
      MAX_PUMP_DEPTH,
      options,
    );
  }
  return new SyncContextError(
    `${message}Await the async function instead, ${INSTEAD[blocker]}, or make the target relocatable so it can run ` +
      'in a worker thread.',
    options,
  );
}

/** The error for strategy 'worker' asked of a target that cannot move. */
export function notRelocatableError(call: CallLabel, functionName: string | undefined): SyncContextError {
  return new SyncContextError(
    `${labelOf(call)}: strategy 'worker' needs a relocatable target (named by module and export); ` +
      `a closure cannot move to another thread. Use workerSynced(module, exportName), or the class option \`module\`.`,
    { functionName },
  );
}

/** The error for a call that would move to a twin that runs something else (`what`). */
export function divergenceError(call: CallLabel, what: string): DivergenceError {
  return new DivergenceError(
    `${labelOf(call)} would run on a twin in a worker thread (the pump cannot block here), and the twin would not run ` +
      `what the caller's object runs: ${what}. Keep the call on this thread, where the object is used as it is: ` +
      'await the async method instead, or make the call from CommonJS or a setImmediate callback ' +
      '(`setImmediate(() => ...)` leaves the microtask; in a test, so do `pumped` and `runPumped` from ' +
      'asynchro-bridge/testing). To run it on the twin all the same, opt in with the option ' +
      "divergence: 'allow' (`syncView(object, { divergence: 'allow' })`, or the class's decorator options).",
    what,
    { functionName: call.functionName },
  );
}
