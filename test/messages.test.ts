/**
 * Every error message asynchro throws, side by side, each triggered where it really happens (test/fixtures/messages.cjs,
 * in a child process: most need a real calling context). They are the product's best asset: read them as a whole
 * when one changes. Paths and versions are normalised; everything else is pinned.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, repoRoot, runNode } from './helpers/child.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function messages(args: string[] = [], nodeArgs: string[] = []): Promise<Record<string, string>> {
  const child = await runNode([fixture('messages.cjs'), ...args], { nodeArgs, watchdogMs: 30_000 });
  const printed = lastJson<Record<string, string>>(child);
  const root = repoRoot.replace(/\/$/, '');
  return Object.fromEntries(
    Object.entries(printed).map(([label, message]) => [
      label,
      message
        .replaceAll(`file://${root}`, 'file://<repo>')
        .replaceAll(root, '<repo>')
        .replaceAll(`${process.platform}-${process.arch}`, '<platform>-<arch>')
        .replaceAll(`Node ${process.versions.node}`, 'Node <version>')
        .replace(/\(glibc [\d.]+\)/, '(<libc>)'),
    ]),
  );
}

describe('error messages', () => {
  it('every kind, from where it happens', async () => {
    expect(await messages()).toMatchInlineSnapshot(`
      {
        "MessagePort callback": "SyncContextError [ASYNCHRO_SYNC_CONTEXT]: sync(inMessageHandler) cannot block here: it was called from a MessagePort callback (a Worker's 'message' event, a MessageChannel port's or a BroadcastChannel's message), which Node goes on using after the callback returns: a nested event loop there can run what closes that port (a Worker ending), and Node then crashes. The work was not started. Await the async function instead, call from a setImmediate callback (\`setImmediate(() => ...)\` leaves the message callback), or make the target relocatable so it can run in a worker thread.",
        "decorator: include names no async method": "DecorationError [ASYNCHRO_DECORATION]: exposeSync(Client): include names 'getUser', which is not an async method of Client (static methods count only with statics: true).",
        "decorator: not a class": "DecorationError [ASYNCHRO_DECORATION]: exposeSync decorates classes: got number. Apply it to a class, or call exposeSync(Class, options).",
        "decorator: rename returns a number": "DecorationError [ASYNCHRO_DECORATION]: exposeSync(Client): rename('agetUser') returned 42; expected a non-empty string, or undefined for no variant.",
        "decorator: two methods, one variant": "DecorationError [ASYNCHRO_DECORATION]: exposeSync(Client): agetUser and getUser would both get the variant getUserSync; rename one (the rename option, or @syncName / @asyncName).",
        "decorator: variant name taken by an accessor": "DecorationError [ASYNCHRO_DECORATION]: exposeSync(Client): the variant of agetUser would be named getUserSync, but getUserSync is already an accessor (get/set); rename the variant (the rename option, or @syncName / @asyncName) or the member.",
        "later immediate of a turn": "SyncContextError [ASYNCHRO_SYNC_CONTEXT]: sync(inLaterImmediate) cannot block here: it was called from a setImmediate callback that ran after another one in the same turn of the event loop, where Node's immediate queue is not re-entrant: turning the loop there crashes Node as soon as any immediate is queued, even by a socket or timer callback of the wait. The work was not started. Await the async function instead, call from a timer callback (\`setTimeout(() => ...)\`) or from the first setImmediate callback of a turn, or make the target relocatable so it can run in a worker thread.",
        "microtask: coroutine, not started": "SyncContextError [ASYNCHRO_SYNC_CONTEXT]: sync(fetchUser) cannot block here: the caller is running inside a microtask (after an \`await\`, in a \`.then\` callback, in queueMicrotask, at an ES module's top level, or in an async test body), where turning the event loop would hang. The work was not started. Await the async function instead, call from CommonJS or a setImmediate callback (\`setImmediate(() => ...)\` leaves the microtask; in a test, so do \`pumped\` and \`runPumped\` from asynchro-bridge/testing), or make the target relocatable so it can run in a worker thread.",
        "microtask: plain function, started": "SyncContextError [ASYNCHRO_SYNC_CONTEXT]: sync(plainWork) cannot block here: the caller is running inside a microtask (after an \`await\`, in a \`.then\` callback, in queueMicrotask, at an ES module's top level, or in an async test body), where turning the event loop would hang. The work had already started and goes on without a waiter. Await the async function instead, call from CommonJS or a setImmediate callback (\`setImmediate(() => ...)\` leaves the microtask; in a test, so do \`pumped\` and \`runPumped\` from asynchro-bridge/testing), or make the target relocatable so it can run in a worker thread.",
        "nested in a timer callback": "SyncContextError [ASYNCHRO_SYNC_CONTEXT]: sync(innerWork) cannot block here: it was called from a timer callback while another blocking call is in progress on this thread (or from another callback while a timer callback's call blocks), and timer callbacks re-entered that deeply corrupt Node's timer queue. The work was not started. Await the async function instead, make blocking calls from setImmediate callbacks rather than timer callbacks (\`setTimeout(() => setImmediate(() => ...))\`), or make the target relocatable so it can run in a worker thread.",
        "not a function": "TypeError: asynchro-bridge: sync(fn, ...args): fn must be a function; got 42 (a number).",
        "option: out of range": "RangeError: asynchro-bridge: synced(<anonymous>): option 'timeout' must be a number of milliseconds from 0 to 2147483647, or Infinity for no timeout; got -1 (a number).",
        "option: unknown": "TypeError: asynchro-bridge: synced(<anonymous>): unknown option 'timeot'; the options are 'timeout', 'signal', 'strategy', 'reentrancy', 'divergence'.",
        "option: wrong type": "TypeError: asynchro-bridge: awaitSync: option 'strategy' must be one of 'auto', 'pump', 'worker'; got "threads" (a string).",
        "pump: deadlock": "DeadlockError [ASYNCHRO_DEADLOCK]: sync(neverSettles) can never finish: its promise is pending and the event loop holds nothing (no timer, socket, file request or worker) that could settle it, and nothing came for 0.5 s. A never-settling promise or an unref'd timer look like this. Settle the promise, or await the work instead of blocking on it.",
        "pump: timeout": "SyncTimeoutError [ASYNCHRO_TIMEOUT]: sync(slowWork) timed out after 50 ms; its signal (currentSignal()) was aborted with this error: work that passes it on stops, other work goes on in the background, its result discarded. Raise \`timeout\` or await the work instead.",
        "reentrancy: throw": "ReentrancyError [ASYNCHRO_REENTRANT]: sync(foreignCall) started a blocking call from a callback that the pump of sync(outerWork) ran on behalf of other code; the outer call cannot return until this one does. Use the async method in callbacks, or, if this is intended, set reentrancy: 'allow' on sync(outerWork), whose policy refused it.",
        "setReentrancyPolicy": "TypeError: asynchro-bridge: setReentrancyPolicy: policy must be one of 'allow', 'warn', 'throw'; got "never" (a string).",
        "strategy 'worker' for a closure": "SyncContextError [ASYNCHRO_SYNC_CONTEXT]: sync(closure): strategy 'worker' needs a relocatable target (named by module and export); a closure cannot move to another thread. Use workerSynced(module, exportName), or the class option \`module\`.",
        "thread-pool callback": "SyncContextError [ASYNCHRO_SYNC_CONTEXT]: sync(inFsCallback) cannot block here: it was called from a thread-pool completion callback (an fs callback API, a read stream or readline over a file, dns.lookup, zlib or crypto), where libuv hides the loop's async handles from a nested event loop: a worker reply, a WebAssembly result or a first fetch would never arrive and the call could wait forever. The work was not started. Await the async function instead, call from a setImmediate callback (\`setImmediate(() => ...)\` leaves the thread-pool callback), or make the target relocatable so it can run in a worker thread.",
        "too deep": "SyncDepthError [ASYNCHRO_SYNC_DEPTH]: sync(nested) cannot block here: 32 blocking calls are already in progress on this thread, each in a callback run by the one before; every level keeps a nested event loop on the native stack, and deeper nesting would overflow it. The work had already started and goes on without a waiter. Use the async method in callbacks that run during a blocking call.",
        "worker: a target that blocks": "SyncContextError [ASYNCHRO_SYNC_CONTEXT]: sync(<anonymous>) cannot block here: it was called in asynchro's worker thread (a worker target, or code it runs), whose event loop serves the thread that is blocked waiting for this call: blocking that loop would nest it under the call it is running. The work had already started and goes on without a waiter. Await the async function instead, make the worker target async and await there (its caller blocks on it anyway), or make the target relocatable so it can run in a worker thread.",
        "worker: argument cannot be cloned": "WorkerCloneError [ASYNCHRO_WORKER_CLONE]: workerSynced(echo): argument 0 (a function) cannot be cloned to the worker thread. Only structured-cloneable values (no functions, class instances keep only their own data) cross to a worker thread.",
        "worker: deadlock": "DeadlockError [ASYNCHRO_DEADLOCK]: workerSynced(neverSettles) can never finish: its promise is pending in the worker thread and the worker's event loop holds nothing (no timer, socket, file request) that could settle it. Settle the promise in the worker (an unref'd timer does not count), or, if what settles it runs on this thread, call the async function here and await it.",
        "worker: exits": "WorkerExitError [ASYNCHRO_WORKER_EXIT]: workerSynced(exits): the worker thread ended during the call, by process.exit(3). The next call starts a new worker.",
        "worker: export missing": "WorkerStartupError [ASYNCHRO_WORKER_STARTUP]: workerSynced(noSuchExport): file://<repo>/test/fixtures/messages-target.mjs has no export "noSuchExport" (its exports: greet, notAFunction). Name one of them (exportName), or export "noSuchExport" from that module.",
        "worker: export not a function": "WorkerStartupError [ASYNCHRO_WORKER_STARTUP]: workerSynced(notAFunction): export "notAFunction" of file://<repo>/test/fixtures/messages-target.mjs is number, not a function. Name an export that is one (exportName).",
        "worker: module not found": "WorkerStartupError [ASYNCHRO_WORKER_STARTUP]: workerSynced(anything): the worker could not load file://<repo>/test/fixtures/no-such-module.mjs: Cannot find module '<repo>/test/fixtures/no-such-module.mjs' imported from <repo>/dist/asynchro-runner.js",
        "worker: module throws on load": "WorkerStartupError [ASYNCHRO_WORKER_STARTUP]: workerSynced(anything): the worker could not load file://<repo>/test/worker/fixtures/throws-on-load.mjs: this module refuses to load",
        "worker: result cannot be cloned": "WorkerCloneError [ASYNCHRO_WORKER_CLONE]: workerSynced(returnsFunction): the result (a function) cannot be cloned back to the calling thread: () => 1 could not be cloned.",
        "worker: timeout": "SyncTimeoutError [ASYNCHRO_TIMEOUT]: workerSynced(stalls) timed out after 100 ms in the worker thread. The worker's event loop still answers, so it was kept, and the call's signal (currentSignal()) was aborted there: work that passes it on stops, other work goes on there, its result discarded.",
      }
    `);
  });

  it('the pump engine cannot load', async () => {
    expect(await messages(['engine'], ['--require', fixture('block-engine.cjs')])).toMatchInlineSnapshot(`
      {
        "the pump engine cannot load": "PumpUnavailableError [ASYNCHRO_PUMP_UNAVAILABLE]: sync(waitForTimer) cannot block on Node <version> on <platform>-<arch> (<libc>): the loop pump's native engine did not load there (simulated: the engine binary does not load here; \`cause\` is the full error). The work was not started. Await the async function instead, or make the target relocatable so that it runs in a worker thread (workerSynced(module, exportName), or exposeSync's \`module\` option): strategy 'auto' sends relocatable targets there wherever the pump cannot run.",
      }
    `);
  });
});
