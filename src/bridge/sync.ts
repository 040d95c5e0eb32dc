/** The blocking bridge: `sync`, `synced`, `awaitSync`, and `callSync`, the path every blocking call takes. */
import { isSyncTraced, syncChannel, type SyncCallContext, type SyncStrategyUsed } from '../instrumentation/channels.js';
import { checkReentry, isWatchingReentry, reentrancyPolicy, watchBlockedCall } from '../instrumentation/reentrancy.js';
import { recordCoroutine, isReallyCoroutineFunction, markWrapper } from '../metadata/coroutine.js';
import { functionName, labelFor, labelOf } from '../strategies/call-label.js';
import { pump, pumpBlocker, pumpDepth, type PumpBlocker } from '../strategies/pump/index.js';
import { blockingCall, type BlockingCall } from '../strategies/blocking-call.js';
import {
  abortWork,
  carriesSignal,
  isAbortable,
  signalsCarried,
  startScoped,
  startWork,
} from '../strategies/call-signal.js';
import { inServerRequestHandler } from '../strategies/foreign.js';
import type { CallSite, Relocation } from '../strategies/relocation.js';
import { blockInWorker } from '../strategies/worker/index.js';
import { NO_CALL_OPTIONS, callOptions, checkFunction, checkOptions, type CallOptions } from '../options.js';
import type { MaybeAwaitable, ReentrancyPolicy, SyncOptions } from '../types.js';
import { isPromise } from 'node:util/types';
import { thenOf } from './awaitable.js';
import { Observed, observe } from '../strategies/settlement.js';
import { keepShape } from './shape.js';
import { contextError, divergenceError, notRelocatableError } from './refusals.js';
import { globalDivergence } from '../strategies/divergence.js';

const SYNC_SITE: CallSite = Object.freeze({
  verb: 'sync',
  name: undefined,
  className: undefined,
  coroutine: undefined,
  relocation: undefined,
});
const AWAIT_SYNC_SITE: CallSite = Object.freeze({ ...SYNC_SITE, verb: 'awaitSync', name: 'awaitable' });
const returnIt = <T>(value: T): T => value;

/** Calls `fn(...args)` and, if it returns an awaitable, blocks until it settles: returns the value or throws. */
export function sync<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Awaited<R> {
  if (typeof fn !== 'function') checkFunction(fn, 'sync(fn, ...args)');
  return callSync(fn, undefined, args, NO_CALL_OPTIONS, SYNC_SITE);
}

/** Makes a blocking version of `fn` without calling it; `this`, `name` and `length` are kept. */
export function synced<A extends unknown[], R, This = unknown>(
  fn: (this: This, ...args: A) => R,
  options?: SyncOptions,
): (this: This, ...args: A) => Awaited<R> {
  checkFunction(fn, 'synced(fn, options)');
  const read =
    options === undefined
      ? NO_CALL_OPTIONS
      : callOptions(checkOptions(options, `synced(${functionName(fn) || '<anonymous>'})`));
  const blocking = function (this: This, ...args: A): Awaited<R> {
    return callSync(fn, this, args, read, SYNC_SITE);
  };
  recordCoroutine(blocking, false);
  markWrapper(blocking, fn);
  return keepShape(blocking, fn);
}

/** Blocks until an awaitable you already hold settles (a plain value is returned as it is). */
export function awaitSync<T>(awaitable: MaybeAwaitable<T>, options?: SyncOptions): T {
  let read = NO_CALL_OPTIONS;
  if (options !== undefined) {
    try {
      read = callOptions(checkOptions(options, 'awaitSync'));
    } catch (error) {
      const then = thenOf(awaitable);
      if (then) observe(awaitable as PromiseLike<T>, then); // nobody waits for it: a rejection must not go unhandled
      throw error;
    }
  }
  const args: unknown[] = [awaitable];
  const call = blockingCall(returnIt, undefined, args, read, AWAIT_SYNC_SITE);
  // Subscribed before anything drains microtasks, so that a rejection counts as handled.
  if (isHeldPromise(awaitable)) args[0] = new Observed(awaitable as Promise<T>, (awaitable as Promise<T>).then, call);
  if (isWatchingReentry() || isSyncTraced()) return blockWatched(call) as T;
  return runSync(call) as T;
}

/** A promise: this realm's (`instanceof`, the cheap test) or another's (a vm context's: `isPromise`). Never throws. */
function isHeldPromise(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return value instanceof Promise || isPromise(value);
  } catch {
    return false; // a revoked Proxy's getPrototypeOf trap
  }
}

/**
 * `fn.apply(thisArg, args)`, blocking on what it returns. The functions on an untraced pumping call's path stay small,
 * their rare branches kept apart (`blockWatched`, `runElsewhere`, `tracedPump`), so that V8 inlines the whole path
 * into the caller (bench: `microtask-only work · tight loop`).
 */
export function callSync<A extends unknown[], R>(
  fn: (...args: A) => R,
  thisArg: unknown,
  args: A,
  options: CallOptions,
  site: CallSite,
): Awaited<R> {
  const call = blockingCall(fn, thisArg, args, options, site);
  if (isWatchingReentry() || isSyncTraced()) return blockWatched(call) as Awaited<R>;
  return runSync(call) as Awaited<R>;
}

function blockWatched(call: BlockingCall): unknown {
  const { fn, site } = call;
  if (isWatchingReentry()) checkReentry(labelOf(labelFor(site, fn)), call.thisArg);
  if (!isSyncTraced()) return runSync(call);
  const trace: SyncCallContext = {
    name: site.name ?? functionName(fn) ?? '',
    className: site.className,
    verb: site.verb,
    strategy: undefined,
    depth: pumpDepth(),
    blockedMs: 0,
  };
  call.trace = trace;
  return syncChannel.traceSync(runSync, trace, undefined, call);
}

/**
 * The pump where the context allows it, else the worker for a relocatable target. A call with no signal, timeout,
 * strategy or relocation (every `sync(fn)`) has one route, the pump or the refusal, and no signal scope until the
 * thread reads the signal (call-signal.ts).
 */
function runSync(call: BlockingCall): unknown {
  const { options } = call;
  if (
    options.signal !== undefined ||
    options.timeout !== undefined ||
    options.strategy !== undefined ||
    call.site.relocation !== undefined
  ) {
    return runRouted(call);
  }
  const blocker = pumpBlocker();
  if (blocker) return callWherePumpCannot(call, blocker);
  const policy = reentrancyPolicy(options.reentrancy);
  const scoped = signalsCarried();
  return policy === 'allow' ? callAndPump(call, scoped) : callAndPumpWatched(call, policy, scoped);
}

function runRouted(call: BlockingCall): unknown {
  const { options, site } = call;
  if (options.signal?.aborted) throw options.signal.reason;
  const strategy = options.strategy ?? 'auto';
  if (strategy === 'worker') return runElsewhere(call, strategy, undefined);
  // a request handler run by another call's pump would stack behind it (src/strategies/foreign.ts)
  if (strategy === 'auto' && site.relocation && pumpDepth() > 0 && inServerRequestHandler()) {
    return inWorker(call, site.relocation(call.thisArg));
  }
  const blocker = pumpBlocker();
  if (blocker) return runElsewhere(call, strategy, blocker);
  const policy = reentrancyPolicy(options.reentrancy);
  const scoped = carriesSignal(options);
  return policy === 'allow' ? callAndPump(call, scoped) : callAndPumpWatched(call, policy, scoped);
}

/** Out of `runSync`: a closure there would capture `call`, a context allocated on every call. */
function callAndPumpWatched(call: BlockingCall, policy: ReentrancyPolicy, scoped: boolean): unknown {
  const label = labelOf(labelFor(call.site, call.fn));
  return watchBlockedCall(policy, label, call.thisArg, () => callAndPump(call, scoped));
}

/** The rare routes: strategy 'worker', or a context where the pump cannot block. */
function runElsewhere(
  call: BlockingCall,
  strategy: CallOptions['strategy'],
  blocker: PumpBlocker | undefined,
): unknown {
  const { site } = call;
  if (strategy === 'worker') {
    if (!site.relocation) throw notRelocatableError(labelFor(site, call.fn), site.name ?? call.fn.name);
    return inWorker(call, site.relocation(call.thisArg));
  }
  if (strategy === 'auto' && site.relocation) return inWorker(call, site.relocation(call.thisArg));
  return callWherePumpCannot(call, blocker!);
}

/** The work, started in its signal's scope (out of `callAndPump`: V8 inlines that one). */
function startInScope(call: BlockingCall): unknown {
  return startScoped(call, callWith, call);
}

/** `scoped`: the work runs in its signal's scope (call-signal.ts). */
function callAndPump(call: BlockingCall, scoped: boolean): unknown {
  const result = scoped ? startInScope(call) : callWith(call);
  if (call.trace) return tracedPump(call, result);
  const then = thenOf(result);
  return then ? pump(call, result as PromiseLike<unknown>, then) : result;
}

function tracedPump(call: BlockingCall, result: unknown): unknown {
  const then = thenOf(result);
  if (!then) {
    call.trace!.strategy = 'direct';
    return result;
  }
  return measured(call, 'pump', () => pump(call, result as PromiseLike<unknown>, then));
}

/** `fn.apply(thisArg, args)`, with a plain call for the usual arities: cheaper than `Reflect.apply`. */
function callWith({ fn, thisArg, args }: BlockingCall): unknown {
  if (thisArg === undefined) {
    switch (args.length) {
      case 0:
        return fn();
      case 1:
        return fn(args[0]);
      case 2:
        return fn(args[0], args[1]);
      case 3:
        return fn(args[0], args[1], args[2]);
    }
  }
  return Reflect.apply(fn, thisArg, args);
}

/** A call that moves by itself is refused where the twin would run something else, unless the caller opted in. */
function inWorker(call: BlockingCall, relocation: Relocation): unknown {
  const { args, options, site } = call;
  const { divergence } = relocation;
  if (options.strategy !== 'worker' && options.divergence !== 'allow' && divergence !== 'allow') {
    const differs = globalDivergence() ?? divergence?.();
    if (differs !== undefined) throw divergenceError(labelFor(site, call.fn), differs);
  }
  if (!call.trace) return blockInWorker(relocation, args, options, site);
  return measured(call, 'worker', () => blockInWorker(relocation, args, options, site));
}

function measured<T>(call: BlockingCall, strategy: SyncStrategyUsed, block: () => T): T {
  const trace = call.trace!;
  trace.strategy = strategy;
  const started = performance.now();
  try {
    return block();
  } finally {
    trace.blockedMs = performance.now() - started;
  }
}

/**
 * Inside a microtask the pump would hang. A coroutine function is refused before it starts; any other function may
 * return a plain value, so it runs, and is refused only if it returns an awaitable. Where no pump exists every call
 * is refused before it starts, but `awaitSync`'s, whose work its caller started.
 */
function callWherePumpCannot(call: BlockingCall, blocker: PumpBlocker): unknown {
  const { fn, site } = call;
  const label = labelFor(site, fn);
  if (site.coroutine || isReallyCoroutineFunction(fn) || (blocker === 'unavailable' && site !== AWAIT_SYNC_SITE)) {
    throw contextError(label, blocker, false);
  }
  // The refusal may come after the work started: its signal then aborts with it.
  const result = startWork(call, callWith, call, isAbortable(call.options));
  const then = thenOf(result);
  if (!then) {
    if (call.trace) call.trace.strategy = 'direct';
    return result;
  }
  observe(result as PromiseLike<unknown>, then); // nobody can wait for it, but its rejection must not go unhandled
  const refusal = contextError(label, blocker, true);
  abortWork(call, refusal);
  throw refusal;
}
