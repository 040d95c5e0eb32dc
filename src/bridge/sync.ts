import { MAX_PUMP_DEPTH } from '../config.js';
import { SyncContextError, SyncDepthError } from '../errors.js';
import { isSyncTraced, syncChannel, type SyncCallContext, type SyncStrategyUsed } from '../instrumentation/channels.js';
import { checkReentry, isWatchingReentry, reentrancyPolicy, watchBlockedCall } from '../instrumentation/reentrancy.js';
import { recordCoroutine, isReallyCoroutineFunction, markWrapper } from '../metadata/coroutine.js';
import {
  labelFor,
  labelOf,
  pump,
  pumpBlocker,
  pumpDepth,
  type CallLabel,
  type PumpBlocker,
} from '../strategies/pump.js';
import { inServerRequestHandler } from '../strategies/foreign.js';
import type { CallSite, Relocation } from '../strategies/relocation.js';
import { blockInWorker } from '../strategies/worker/index.js';
import { checkFunction, checkOptions } from '../options.js';
import type { MaybeAwaitable, SyncOptions } from '../types.js';
import { isAwaitable } from './awaitable.js';
import { Observed, observe } from '../strategies/settlement.js';
import { keepShape } from './shape.js';

const NO_OPTIONS: SyncOptions = Object.freeze({});
const SYNC_SITE: CallSite = Object.freeze({ verb: 'sync' });
const AWAIT_SYNC_SITE: CallSite = Object.freeze({ verb: 'awaitSync', name: 'awaitable' });
const returnIt = <T>(value: T): T => value;

/**
 * Calls `fn(...args)` and, if it returns an awaitable, blocks until it settles: returns the value, or throws the
 * rejection reason exactly as rejected. A plain result is returned as it is.
 */
export function sync<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Awaited<R> {
  if (typeof fn !== 'function') checkFunction(fn, 'sync(fn, ...args)');
  return callSync(fn, undefined, args, NO_OPTIONS, SYNC_SITE);
}

/**
 * Makes a blocking version of `fn` without calling it. `this` is passed through, so the result can serve as a
 * method; `name` and `length` are kept.
 */
export function synced<A extends unknown[], R, This = unknown>(
  fn: (this: This, ...args: A) => R,
  options: SyncOptions = NO_OPTIONS,
): (this: This, ...args: A) => Awaited<R> {
  checkFunction(fn, 'synced(fn, options)');
  checkOptions(options, `synced(${fn.name || '<anonymous>'})`);
  const blocking = function (this: This, ...args: A): Awaited<R> {
    return callSync(fn, this, args, options, SYNC_SITE);
  };
  recordCoroutine(blocking, false);
  markWrapper(blocking, fn);
  return keepShape(blocking, fn);
}

/** Blocks until an awaitable you already hold settles (a plain value is returned as it is). */
export function awaitSync<T>(awaitable: MaybeAwaitable<T>, options: SyncOptions = NO_OPTIONS): T {
  if (options !== NO_OPTIONS) {
    try {
      checkOptions(options, 'awaitSync');
    } catch (error) {
      if (isAwaitable(awaitable)) observe(awaitable); // nobody will wait for it: its rejection must not go unhandled
      throw error;
    }
  }
  // A promise is subscribed to before anything drains microtasks, so that a rejected one is handled in time.
  const held = awaitable instanceof Promise ? new Observed(awaitable) : awaitable;
  return callSync(returnIt<MaybeAwaitable<T>>, undefined, [held], options, AWAIT_SYNC_SITE) as T;
}

/**
 * The one path every blocking call takes: re-entrancy check, tracing, then `runSync`. The functions on the path of an
 * untraced call that pumps are kept small, their rare branches moved out (`callSyncWatched`, `runElsewhere`,
 * `tracedPump`): V8 then inlines the whole path into the caller, which measured about 400 fewer instructions a call.
 */
export function callSync<A extends unknown[], R>(
  fn: (...args: A) => R,
  thisArg: unknown,
  args: A,
  options: SyncOptions,
  site: CallSite,
): Awaited<R> {
  if (isWatchingReentry() || isSyncTraced()) return callSyncWatched(fn, thisArg, args, options, site);
  return runSync(fn, thisArg, args, options, site, undefined);
}

function callSyncWatched<A extends unknown[], R>(
  fn: (...args: A) => R,
  thisArg: unknown,
  args: A,
  options: SyncOptions,
  site: CallSite,
): Awaited<R> {
  if (isWatchingReentry()) checkReentry(labelOf(labelFor(site, fn)), thisArg);
  if (!isSyncTraced()) return runSync(fn, thisArg, args, options, site, undefined);
  const trace: SyncCallContext = {
    name: site.name ?? fn.name,
    className: site.className,
    verb: site.verb,
    strategy: undefined,
    depth: pumpDepth(),
    blockedMs: 0,
  };
  return syncChannel.traceSync(runSync<A, R>, trace, undefined, fn, thisArg, args, options, site, trace);
}

/** Chooses how to block: the pump where the context allows it, else the worker for relocatable targets. */
function runSync<A extends unknown[], R>(
  fn: (...args: A) => R,
  thisArg: unknown,
  args: A,
  options: SyncOptions,
  site: CallSite,
  trace: SyncCallContext | undefined,
): Awaited<R> {
  if (options.signal?.aborted) throw options.signal.reason;
  const strategy = options.strategy ?? 'auto';
  if (strategy === 'worker') return runElsewhere(fn, thisArg, args, options, site, trace, strategy, undefined);
  // a request handler run by another call's pump would stack behind it (src/strategies/foreign.ts)
  if (strategy === 'auto' && site.relocation && pumpDepth() > 0 && inServerRequestHandler()) {
    return inWorker(site.relocation(thisArg), args, options, site, trace) as Awaited<R>;
  }
  const blocker = pumpBlocker();
  if (blocker) return runElsewhere(fn, thisArg, args, options, site, trace, strategy, blocker);
  const policy = reentrancyPolicy(options.reentrancy);
  if (policy === 'allow') return callAndPump(fn, thisArg, args, options, site, trace);
  return watchBlockedCall(policy, labelOf(labelFor(site, fn)), thisArg, () =>
    callAndPump(fn, thisArg, args, options, site, trace),
  );
}

/** The rare routes of `runSync`: strategy 'worker', or a context where the pump cannot block (`blocker`). */
function runElsewhere<A extends unknown[], R>(
  fn: (...args: A) => R,
  thisArg: unknown,
  args: A,
  options: SyncOptions,
  site: CallSite,
  trace: SyncCallContext | undefined,
  strategy: SyncOptions['strategy'],
  blocker: PumpBlocker | undefined,
): Awaited<R> {
  if (strategy === 'worker') return inWorker(relocationOf(site, fn, thisArg), args, options, site, trace) as Awaited<R>;
  if (strategy === 'auto' && site.relocation)
    return inWorker(site.relocation(thisArg), args, options, site, trace) as Awaited<R>;
  return callWherePumpCannot(fn, thisArg, args, site, blocker!, trace);
}

function callAndPump<A extends unknown[], R>(
  fn: (...args: A) => R,
  thisArg: unknown,
  args: A,
  options: SyncOptions,
  site: CallSite,
  trace: SyncCallContext | undefined,
): Awaited<R> {
  const result = callWith(fn, thisArg, args);
  if (trace) return tracedPump(result, options, site, fn, trace);
  return isAwaitable(result) ? (pump(result, options, site, fn) as Awaited<R>) : (result as Awaited<R>);
}

function tracedPump<R>(
  result: R,
  options: SyncOptions,
  site: CallSite,
  fn: Function,
  trace: SyncCallContext,
): Awaited<R> {
  if (!isAwaitable(result)) {
    trace.strategy = 'direct';
    return result as Awaited<R>;
  }
  return measured(trace, 'pump', () => pump(result, options, site, fn) as Awaited<R>);
}

/** `fn.apply(thisArg, args)`: a plain call for the usual arities, which costs less than `Reflect.apply`'s spread. */
function callWith<A extends unknown[], R>(fn: (...args: A) => R, thisArg: unknown, args: A): R {
  if (thisArg === undefined) {
    const call = fn as (...args: unknown[]) => R;
    switch (args.length) {
      case 0:
        return call();
      case 1:
        return call(args[0]);
      case 2:
        return call(args[0], args[1]);
      case 3:
        return call(args[0], args[1], args[2]);
    }
  }
  return Reflect.apply(fn, thisArg, args);
}

function inWorker(
  relocation: Relocation,
  args: unknown[],
  options: SyncOptions,
  site: CallSite,
  trace: SyncCallContext | undefined,
): unknown {
  if (!trace) return blockInWorker(relocation, args, options, site);
  return measured(trace, 'worker', () => blockInWorker(relocation, args, options, site));
}

/** Runs `block`, recording in the trace how the thread blocked and for how long. */
function measured<T>(trace: SyncCallContext, strategy: SyncStrategyUsed, block: () => T): T {
  trace.strategy = strategy;
  const started = performance.now();
  try {
    return block();
  } finally {
    trace.blockedMs = performance.now() - started;
  }
}

function relocationOf(site: CallSite, fn: Function, thisArg: unknown): Relocation {
  if (site.relocation) return site.relocation(thisArg);
  throw new SyncContextError(
    `${labelOf(labelFor(site, fn))}: strategy 'worker' needs a relocatable target (named by module and export); ` +
      `a closure cannot move to another thread. Use workerSynced(module, exportName), or the class option \`module\`.`,
    { functionName: site.name ?? fn.name },
  );
}

/**
 * Inside a microtask the pump would hang. A coroutine function is refused before it starts; any other function
 * may still return a plain value, so it is called, and refused only if it returns an awaitable after all.
 */
function callWherePumpCannot<A extends unknown[], R>(
  fn: (...args: A) => R,
  thisArg: unknown,
  args: A,
  site: CallSite,
  blocker: PumpBlocker,
  trace: SyncCallContext | undefined,
): Awaited<R> {
  const call = labelFor(site, fn);
  if (site.coroutine || isReallyCoroutineFunction(fn)) throw contextError(call, blocker, false);
  const result = Reflect.apply(fn, thisArg, args);
  if (!isAwaitable(result)) {
    if (trace) trace.strategy = 'direct';
    return result as Awaited<R>;
  }
  observe(result); // nobody can wait for it, but its rejection must not go unhandled
  throw contextError(call, blocker, true);
}

const WHY_NOT: Record<PumpBlocker, string> = {
  microtask:
    'the caller is running inside a microtask (after an `await`, in a `.then` callback, in queueMicrotask, at an ' +
    "ES module's top level, or in an async test body), where turning the event loop would hang. ",
  'nested-in-timer':
    'it was called from a timer callback while another blocking call is in progress on this thread, and timer ' +
    "callbacks re-entered that deeply corrupt Node's timer queue. ",
  'thread-pool':
    'it was called from a thread-pool completion callback (an fs callback API, a read stream or readline over a ' +
    "file, dns.lookup, zlib or crypto), where libuv hides the loop's async handles from a nested event loop: a " +
    'worker reply, a WebAssembly result or a first fetch would never arrive and the call could wait forever. ',
  'later-immediate':
    'it was called from a setImmediate callback that ran after another one and before more in the same turn of the ' +
    "event loop, where Node's immediate queue is not re-entrant: turning the loop there would crash Node. ",
  'too-deep':
    `${MAX_PUMP_DEPTH} blocking calls are already in progress on this thread, each in a callback run by the one ` +
    `before; every level keeps a nested event loop on the native stack, and deeper nesting would overflow it. `,
};

function contextError(call: CallLabel, blocker: PumpBlocker, started: boolean): SyncContextError {
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
    `${message}Await the async function instead, call from CommonJS or a setImmediate callback (\`setImmediate(() => ...)\` ` +
      `also leaves a callback), or make the target relocatable so it can run in a worker thread.`,
    options,
  );
}
