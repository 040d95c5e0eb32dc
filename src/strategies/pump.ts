/**
 * The loop pump: blocks the current thread by turning its own event loop (the engine, pump-engine.ts) until an
 * awaitable settles. The work keeps its `this`, closures and async context, but the pump cannot run inside a
 * microtask, where a nested microtask checkpoint does nothing and the work's reactions would never run. This file:
 * the engine on first use, draining ticks, where the pump may run (`pumpBlocker`), the loop itself and Node's timers
 * as it sees them; pump-errors.ts makes its errors, call-label.ts names calls. Over 250 lines on purpose: the hot
 * path (probe, drain, loop) shares this module's state (depth, the safety flag, the engine) and was tuned as one piece
 * (bench/): importing even the timer checks from a module of their own cost ~35 instructions a call
 * (bench/instructions.mjs sync-micro).
 */
import { executionAsyncId, executionAsyncResource } from 'node:async_hooks';
import { perf } from './lazy-builtins.js';
import { DEADLOCK_GRACE_LAST_MS, MAX_PUMP_DEPTH, PROBE_AFTER_MS, PROBE_BOUND_MS } from '../config.js';
import { labelFor } from './call-label.js';
import { loadPumpEngine, type PumpEngine } from './pump-engine.js';
import type { BlockingCall } from './blocking-call.js';
import { abortWork, type SignalSource } from './call-signal.js';
import { observeInto, type Settlement } from './settlement.js';
import { isThreadPoolResource } from './thread-pool.js';
import { isMessagePortResource } from './message-port.js';
import { inWorkerRunnerThread } from './worker-runner-mark.js';
import { probePlatformTasks, type PlatformTaskProbe } from './hidden-handles.js';
import { deadlockError, hiddenHandlesError, timeoutError, timersWedgedError } from './pump-errors.js';
import { runtimeWithoutLoop, type PumpUnavailable } from './pump-support.js';
import { guardImmediates, reportUncaught, runningImmediate } from './uncaught.js';
import { realTimers } from './real-timers.js';

export { functionName, labelFor, labelOf, type CallLabel } from './call-label.js';

// The pump's own timers are Node's, never a test's fakes, which its event loop would never see fire (real-timers.ts).
const { setTimeout, clearTimeout, setImmediate, clearImmediate } = realTimers;

let engine: PumpEngine | undefined;
/** Why the pump cannot run in this process, once known: on a runtime without a loop to turn, from the start. */
let unavailable: PumpUnavailable | undefined = runtimeWithoutLoop(
  process.versions,
  typeof (process as { _tickCallback?: unknown })._tickCallback === 'function',
);

/**
 * Whether the pump can run here. The engine is loaded on first use, so that importing asynchro works where it cannot
 * load, and never on a runtime without a loop (Bun aborts on its uv_run).
 */
function loadEngine(): boolean {
  if (engine) return true;
  if (unavailable) return false;
  const loaded = loadPumpEngine();
  engine = loaded.engine;
  unavailable = loaded.unavailable;
  return engine !== undefined;
}

/** Why the pump cannot run in this process, once a call found out (`pumpBlocker` returned 'unavailable'). */
export function pumpUnavailable(): PumpUnavailable | undefined {
  return unavailable;
}

/**
 * `process._tickCallback` is deprecated (DEP0134). Under --pending-deprecation it is a wrapper that warns, and
 * muting `process.noDeprecation` only postpones that warning. Node keeps the original function as the wrapper's
 * prototype: the bridge calls the original.
 * An undecorated `_tickCallback`'s prototype is `Function.prototype`, a function that does nothing, and not always
 * this realm's: jest runs test files in a vm context whose `process` holds the main realm's functions. So a
 * prototype counts as the original only when it has a function prototype itself (`Function.prototype`'s is an object).
 */
type TickCallback = () => void;
const processWithTicks = process as unknown as { _tickCallback: TickCallback };
const noop = (): void => {};
const exposedTickCallback: TickCallback | undefined = processWithTicks._tickCallback;
const tickCallback: TickCallback = (() => {
  if (typeof exposedTickCallback !== 'function') return noop; // no pump here (`unavailable`): never drains
  const original: unknown = Object.getPrototypeOf(exposedTickCallback);
  const isOriginal = typeof original === 'function' && typeof Object.getPrototypeOf(original) === 'function';
  return isOriginal ? (original as TickCallback) : exposedTickCallback;
})();

/** Runs the ticks and microtasks queued so far; one that throws is reported as Node would (see uncaught.ts). */
function drainTicksAndMicrotasks(): void {
  try {
    tickCallback(); // it takes no `this`; and `process` is a getter on the global object
  } catch (error) {
    report(error);
  }
}

const report = (error: unknown): void => reportUncaught(error, drainTicksAndMicrotasks);
if (!unavailable) guardImmediates(() => depth > 0, report, provedByLoop);

/**
 * An immediate's callback is proved able to pump before it starts, unless another ran before it in its turn (see
 * `placeInTurn`), other code has drained (see `foreignDrainSeen`), or `blockerAt` would refuse it anyway (nested in a
 * timer's pump, too deep): the first call in it then needs no check beyond the remembered id (bench:
 * the pump rows on setImmediate work). That holds inside a pump too: the nested immediate is on top of the async-id stack only while its
 * callback runs.
 */
function provedByLoop(immediate: ImmediateLike, id: number): void {
  if (!engine || foreignDrainSeen || depth >= MAX_PUMP_DEPTH || timerCallbacksOnStack.size > 0) return;
  if (placeInTurn(immediate) === 'immediate') {
    safeFor = id;
    safeDepth = depth;
  }
}

/**
 * `loopWhile(pred)`, surviving foreign exceptions: each is reported, then the loop starts again after `restart()`
 * (pred's turn counting assumes loopWhile's order, which the throw broke). What `pred` itself throws (timeout,
 * abort, deadlock) ends the wait. The first drain is skipped: `pump` drained just before, so `pred`'s first call is
 * its second in loopWhile's count.
 */
function loopWhileSurviving(loop: PumpEngine, pred: () => boolean, restart: () => void): void {
  let own: { error: unknown } | undefined;
  const guarded = (): boolean => {
    try {
      return pred();
    } catch (error) {
      own = { error };
      throw error;
    }
  };
  let drained = true;
  for (;;) {
    try {
      loopWhile(loop.run, guarded, drained);
      return;
    } catch (error) {
      if (own) throw own.error;
      report(error);
      restart();
      drained = false;
    }
  }
}

/**
 * deasync's loopWhile: drain ticks and microtasks, then one uv_run, while `pred()` (checked before each). `run` is
 * called unbound: the engine's function takes no `this`.
 */
function loopWhile(run: () => void, pred: () => boolean, drained: boolean): void {
  if (drained) {
    if (!pred()) return;
    run();
  }
  while (pred()) {
    drainTicksAndMicrotasks();
    if (pred()) run();
  }
}

/**
 * The async id of the callback whose synchronous stretch was last proved able to pump (by a probe or a pump), or -1.
 * A call that sees this id again runs in that stretch (or a later callback of the same resource: an interval, a
 * socket), never in a microtask: Node runs the microtasks a callback queued after it returns, under id 0 (or, with
 * async hooks on, their promise's own). Except a microtask drained synchronously inside the callback: the pump forgets
 * the id before its own drains, and `process._tickCallback` (wrapped below) before other code's. A marker microtask queued after every call
 * would cost every call on the pump rows of the bench; a drain through a `_tickCallback` captured before asynchro loaded goes unseen (README Caveats).
 */
let safeFor = -1;
/**
 * The pump depth the proof was made at: it holds at that depth only. Deeper, a later callback of the same resource may
 * follow the stretch that remembered it, and is checked again (`blockerAt`).
 */
let safeDepth = 0;
function rememberSafety(): void {
  const id = executionAsyncId();
  safeFor = id === 0 ? -1 : id; // 0: no known callback (Node's own microtask drains): never trusted
  safeDepth = depth;
}

/** Other code draining ticks and microtasks inside a callback (another deasync user) ends the proved stretch too. */
function _tickCallback(this: unknown): void {
  safeFor = -1;
  foreignDrainSeen = true;
  // biome-ignore lint/complexity/noArguments: passed on as they came
  return Reflect.apply(exposedTickCallback!, this, arguments);
}
// As Node's deprecation wrapper does, the undeprecated function is the wrapper's prototype: another copy of asynchro
// finds it there and drains without a warning, and still ends this copy's proof.
Object.setPrototypeOf(_tickCallback, function _tickCallback(): void {
  safeFor = -1;
  foreignDrainSeen = true;
  tickCallback();
});
if (!unavailable) processWithTicks._tickCallback = _tickCallback;

/** `queueMicrotask` wraps every callback in an AsyncResource; a reaction on a settled promise is far cheaper. */
const settled = Promise.resolve();
const queueCheapMicrotask = (callback: () => void): void => void settled.then(callback);

/**
 * Why the pump cannot run here: inside a microtask, nested in a timer callback while another call blocks, inside
 * a thread-pool completion callback (see thread-pool.ts) or a MessagePort callback (see message-port.ts), in
 * asynchro's own worker thread (see worker-runner-mark.ts), nested
 * `MAX_PUMP_DEPTH` pumps deep already, or not in this process at all (`pumpUnavailable()` says why).
 */
export type PumpBlocker =
  | 'microtask'
  | 'nested-in-timer'
  | 'thread-pool'
  | 'message-port'
  | 'worker-thread'
  | 'too-deep'
  | 'later-immediate'
  | 'unavailable';

/**
 * Whether the event loop can be pumped from here, and if not, why. Call before starting the work.
 * Side effect of the microtask probe, where one is needed: ticks and microtasks queued before the call run now (a
 * pump would run them anyway).
 */
export function pumpBlocker(): PumpBlocker | undefined {
  const id = executionAsyncId();
  // Safety remembered at this depth belongs to this very stretch, whose kind `blockerAt` has checked (a thread-pool
  // callback never pumps). This check alone, so that V8 inlines it into the caller: the rest is for a first call.
  if (safeFor === id && safeDepth === depth) return undefined;
  return blockerAt(id);
}

function blockerAt(id: number): PumpBlocker | undefined {
  if (inWorkerRunnerThread) return 'worker-thread'; // before the engine loads: nothing is ever remembered as safe there
  if (!engine && !loadEngine()) return 'unavailable'; // until loaded, nothing is remembered as safe
  if (depth >= MAX_PUMP_DEPTH) return 'too-deep';
  const kind = callbackKindOf(id);
  if (depth === 0) {
    if (kind === 'thread-pool' || kind === 'message-port' || kind === 'later-immediate') return kind;
    if ((kind === 'immediate' || kind === 'timer') && !probing && !foreignDrainSeen) return undefined; // an immediate or a timer: see below
    return canPumpHere() ? undefined : 'microtask';
  }
  // Inside a pump, a later callback of the same resource may follow the stretch that remembered safety.
  if (timerCallbacksOnStack.size > 0 || kind === 'timer') return 'nested-in-timer';
  if (kind === 'thread-pool' || kind === 'message-port' || kind === 'later-immediate') return kind;
  return safeFor === id || canPumpHere() ? undefined : 'microtask';
}

/*
 * An immediate's or a timer's callback at depth 0 needs no probe (the probe would cost every
 * first call in a callback). Node runs it with its resource on top of the async-id stack (emitBefore) and pops it
 * (emitAfter) before it runs any microtask (runNextTicks between callbacks, the callback scope's checkpoint after the
 * batch); with async hooks on, a promise reaction runs under its promise. So a microtask sees an Immediate or a
 * Timeout on top only inside a drain made synchronously within the callback: the probe's own (`probing`), or other
 * code's `process._tickCallback` (another deasync user: its nested uv_run also runs Node's between-callback drains
 * with the outer callback on top). Once other code has drained, every first call probes again (`foreignDrainSeen`).
 */
let probing = false;
let foreignDrainSeen = false;

/**
 * What the running callback is, as far as the pump cares, kept for its async id: calls come in runs from one callback,
 * and `executionAsyncResource` costs more than the id. Ids are never reused (0, no known callback, is not kept). An
 * immediate's place in its turn (see `placeInTurn`) does not grow while it runs: new immediates go to the next
 * turn's list.
 */
type CallbackKind = 'main' | 'immediate' | 'later-immediate' | 'timer' | 'thread-pool' | 'message-port' | 'other';
let kindCheckedFor = -1;
let lastKind: CallbackKind = 'other';
let lastResource: unknown;
function callbackKindOf(id: number): CallbackKind {
  if (id === 0 || id !== kindCheckedFor) {
    kindCheckedFor = id;
    if (id === 1) {
      lastResource = undefined; // the main script (or a worker's): no resource of Node's
      lastKind = 'main';
    } else {
      // an immediate through the setImmediate guard (see uncaught.ts), else the resource Node keeps for `id`
      const immediate = runningImmediate(id) as ImmediateLike | undefined;
      lastResource = immediate ?? executionAsyncResource();
      lastKind = immediate ? placeInTurn(immediate) : kindOf(lastResource as ImmediateLike & TimerLike);
    }
  }
  return lastKind;
}

/*
 * Node's processImmediate is not re-entrant past the first immediate of a turn: while a later one runs, Node's queue
 * of outstanding immediates starts at it (already destroyed), and a nested processImmediate, which the pump's loop
 * runs as soon as any immediate is queued, takes it for a cleared one, reads `_idleNext` of a previous immediate it
 * does not have, and throws inside CheckImmediate: Node dies with "FATAL ERROR: v8::ToLocalChecked Empty
 * MaybeLocal" (measured on 20-26). Any callback the nested loop runs (a socket's data, a timer) may queue one within
 * the same turn, where no check can come between, so a later immediate, one that had another before it in its turn
 * (`_idlePrev`), is refused before its work starts. (Blocking in the last of a turn until an immediate was queued
 * crashed Node as soon as a socket callback of the wait queued one: test/fixtures/hostile/immediate-turn.cjs.)
 */
type ImmediateLike = { constructor?: { name?: string }; _idlePrev?: unknown };

/**
 * Whether a callback of this kind is run by the event loop itself, never inside a thread-pool completion that was not
 * recognised up front (see hidden-handles.ts): the main script, an immediate or a timer callback. Anywhere else (or
 * inside another pump) the platform-task probe's timer is armed before the first turn: there, that turn could sleep
 * for good (a hidden handle that was already signalled does not wake the loop again).
 */
const runByLoop = (kind: CallbackKind): boolean => kind === 'main' || kind === 'immediate' || kind === 'timer';

function placeInTurn(immediate: ImmediateLike): CallbackKind {
  return immediate._idlePrev == null ? 'immediate' : 'later-immediate';
}

function kindOf(resource: (ImmediateLike & TimerLike) | undefined): CallbackKind {
  const name = resource?.constructor?.name;
  if (name === 'Immediate') return placeInTurn(resource!);
  if (name === 'Timeout') return 'timer';
  if (isMessagePortResource(resource)) return 'message-port';
  return isThreadPoolResource(resource) ? 'thread-pool' : 'other';
}

/**
 * A microtask queued now runs during a drain exactly when the caller is not itself inside a microtask; inside
 * one, the nested checkpoint does nothing.
 */
function canPumpHere(): boolean {
  // A probe that has not run yet proves we are still inside the same microtask checkpoint: answer without queuing
  // another (one per call piled up 49 MB over 200,000 calls inside one microtask).
  if (unranProbe && !unranProbe.ran) return false;
  const probe = { ran: false };
  queueCheapMicrotask(() => {
    probe.ran = true;
  });
  probing = true;
  drainTicksAndMicrotasks();
  probing = false;
  if (probe.ran) rememberSafety();
  else unranProbe = probe;
  return probe.ran;
}

/** The last probe that did not run when queued: it runs when the checkpoint the caller is in gets to it. */
let unranProbe: { ran: boolean } | undefined;

/** Pumps in progress on this thread: 0 outside any, 1 inside the work of the outermost blocked call. */
let depth = 0;
export function pumpDepth(): number {
  return depth;
}

/**
 * Blocks until `awaitable`, which `call`'s work returned, settles; returns its value or throws its reason as rejected.
 * `call` is its settlement (unless it is a promise held already, which has its own); `then` is the awaitable's, read once
 * by the caller. The caller must have checked `pumpBlocker()` before starting the work.
 */
export function pump(call: BlockingCall, awaitable: PromiseLike<unknown>, then: Function): unknown {
  const settlement = observeInto(awaitable, then, call);
  safeFor = -1;
  depth++;
  try {
    drainTicksAndMicrotasks();
    if (settlement.status === 'pending') turnLoopUntilSettled(settlement, call);
  } finally {
    depth--;
  }
  rememberSafety();
  if (settlement.status === 'rejected') throw settlement.reason;
  return settlement.value;
}

/**
 * The call gave up on its work: its signal aborts with the error the caller gets, and the ticks and microtasks that
 * queued run now, so that the work's abort handling (a fetch's, whose socket closes from a promise reaction) is done
 * before the caller goes on, however long it then keeps the thread.
 */
function abandon(call: SignalSource, reason: unknown): void {
  abortWork(call, reason);
  drainTicksAndMicrotasks();
}

const loopCount = (): number => perf().nodeTiming.uvMetricsInfo.loopCount;

function turnLoopUntilSettled(settlement: Settlement<unknown>, call: BlockingCall): void {
  if (processWithDomain.domain) turnLoopOutsideDomains(settlement, call);
  else turnLoop(settlement, call);
}

function turnLoop(settlement: Settlement<unknown>, call: BlockingCall): void {
  const loop = engine!; // the call passed `pumpBlocker`, which loaded it
  const kind = callbackKindOf(executionAsyncId());
  const { timeout, signal } = call.options;
  // Most waits end after one turn. Run by the loop itself at depth 1 (no handles hidden, see hidden-handles.ts), not in
  // a timer callback nor a later immediate, with no deadline, that turn needs none of a longer wait's machinery: its
  // setup was ~1,000 instructions a call on setImmediate work. A dead loop costs one more turn. Not with a signal: no
  // libuv event announces an abort, so one made by the work (or a microtask the drain ran) must be seen before the
  // loop may sleep. Once the loop runs, JavaScript that aborts runs in its callbacks, and UV_RUN_ONCE returns after
  // them (libuv runs no callback before its poll without making that poll return at once).
  if (
    depth === 1 &&
    (kind === 'immediate' || kind === 'main') &&
    (timeout === undefined || timeout === Infinity) &&
    signal === undefined
  ) {
    try {
      loop.run();
    } catch (error) {
      report(error);
    }
    drainTicksAndMicrotasks();
    if (settlement.status !== 'pending') return;
  }
  waitUntilSettled(settlement, call, loop, kind);
}

/*
 * The REPL runs what it evaluates inside a domain (so do programs that use node:domain). While one is active, Node's
 * immediate callback, which the nested loop runs (CheckImmediate: MakeCallback on `process` with no async context),
 * goes through the domain module's hook, which warns DEP0097 ("Using a domain property in MakeCallback is deprecated
 * ... processImmediate on process"): from its own loop Node never runs it with a domain active. So the pump leaves the
 * active domains for the wait and enters them again after; each callback the loop runs still enters its resource's
 * own domain. Shown by test/fixtures/pump/repl-session.cjs.
 */
type DomainLike = { enter(): void; exit(): void };
const processWithDomain = process as unknown as { domain?: DomainLike | null };

function turnLoopOutsideDomains(settlement: Settlement<unknown>, call: BlockingCall): void {
  const left: DomainLike[] = [];
  for (let domain = processWithDomain.domain; domain; domain = processWithDomain.domain) {
    domain.exit();
    if (processWithDomain.domain === domain) break; // not on the domain stack: nothing to leave
    left.push(domain);
  }
  try {
    turnLoop(settlement, call);
  } finally {
    for (let i = left.length - 1; i >= 0; i--) left[i]!.enter();
  }
}

/** The general wait: deadline, abort, timer callbacks, dead loops, hidden handles, crashing immediates. */
function waitUntilSettled(
  settlement: Settlement<unknown>,
  call: BlockingCall,
  loop: PumpEngine,
  kind: CallbackKind,
): void {
  const { timeout, signal } = call.options;
  const { site, fn } = call;
  const deadline = timeout === undefined || timeout === Infinity ? Infinity : perf().now() + timeout;
  // Unref'd: it wakes a sleeping loop at the deadline but never keeps a dead loop alive (that is a deadlock). It runs
  // on libuv's millisecond clock, which lags `performance.now()` (up to 1 ms, more after a long synchronous stretch):
  // fired before the deadline, it is armed again for the rest, or the pump would sleep until some unrelated event.
  let woke = false;
  const onWake = (): void => {
    woke = true;
  };
  let wakeAtDeadline = deadline === Infinity ? undefined : setTimeout(onWake, timeout).unref();
  const hostTimer = kind === 'timer' ? enterTimerCallback(lastResource as TimerLike) : undefined;
  const lentRef = hostTimer ? releaseHostRef(hostTimer) : false;
  const rearmed = hostTimer ? rearmTimers() : undefined;
  // loopWhile calls the predicate before each drain and before each uv_run: even calls follow a drain, odd ones a
  // uv_run. Reading loopCount costs more than a short uv_run, so the first turn goes unchecked: a dead loop costs one
  // extra turn. The loop starts after pump's drain (see loopWhileSurviving): at the second call.
  let calls = 1;
  let countAfterDrain = -1;
  // Once the loop looks dead, a ref'd timer of growing length (1, 2, 4 ... ms) keeps libuv polling for a while:
  // V8 posts some results (a WebAssembly compilation) as platform tasks that a loop with nothing alive never sees.
  let graceMs = 0;
  let graceTimer: NodeJS.Timeout | undefined;
  // A wait that outlasts its first turns checks once that platform tasks still arrive (see hidden-handles.ts).
  let probeTimer: NodeJS.Timeout | undefined;
  let probe: PlatformTaskProbe | undefined;
  let probeDue = false;
  // The bound's timer runs in a turn's timers phase, before that turn's poll delivers platform tasks, and the
  // probe's reaction runs in the drain after it: so the probe is judged only after a full turn and its drain.
  // After a nested blocking call the timer is overdue and fires in the very turn that delivers the result.
  let judgeAfterDrains = 0;
  const onProbeTimer = (): void => {
    probeDue = true;
  };
  if (depth > 1 || !runByLoop(kind)) probeTimer = setTimeout(onProbeTimer, PROBE_AFTER_MS).unref();
  try {
    loopWhileSurviving(
      loop,
      () => {
        if (settlement.status !== 'pending') return false;
        if (signal?.aborted) throw signal.reason;
        if (deadline !== Infinity) {
          const now = perf().now();
          if (now >= deadline) throw timeoutError(timeout!, labelFor(site, fn));
          if (woke) {
            woke = false;
            wakeAtDeadline = setTimeout(onWake, Math.ceil(deadline - now)).unref();
          }
        }
        if (probeDue) {
          probeDue = false;
          if (!probe) {
            probe = probePlatformTasks();
            if (probe) probeTimer = setTimeout(onProbeTimer, PROBE_BOUND_MS).unref();
          } else if (!probe.arrived && judgeAfterDrains === 0) {
            judgeAfterDrains = 2;
            probeTimer = setTimeout(onProbeTimer, 1).unref(); // those turns end even if nothing else wakes the loop
          }
        }
        if (++calls % 2 === 0) {
          if (judgeAfterDrains !== 0 && --judgeAfterDrains === 0 && !probe!.arrived) {
            throw hiddenHandlesError(labelFor(site, fn));
          }
          if (calls === 4) {
            // after the first uv_run and the drain that runs what it settled: work settled by that turn never pays
            stopStuckImmediateIdle();
            probeTimer ??= setTimeout(onProbeTimer, PROBE_AFTER_MS).unref();
          }
          if (calls > 2) countAfterDrain = loopCount();
        } else if (countAfterDrain >= 0 && countAfterDrain === loopCount()) {
          // uv_run returned without a single iteration: libuv has nothing alive, and the drain before it left the
          // work pending. Pending JavaScript timers that libuv does not know of mean Node's timers are wedged.
          if (graceTimer) clearTimeout(graceTimer); // not one of those
          if (pendingTimers() !== 0) throw timersWedgedError(labelFor(site, fn));
          if (graceMs >= DEADLOCK_GRACE_LAST_MS) throw deadlockError(labelFor(site, fn));
          graceMs = graceMs === 0 ? 1 : graceMs * 2;
          graceTimer = setTimeout(noop, graceMs);
        }
        return true;
      },
      () => {
        calls = 0;
        countAfterDrain = -1;
      },
    );
  } catch (error) {
    // What ends this wait unsettled (timeout, abort, deadlock...; a foreign callback's exception is reported instead).
    abandon(call, error);
    throw error;
  } finally {
    if (probeTimer) clearTimeout(probeTimer);
    if (graceTimer) clearTimeout(graceTimer);
    if (wakeAtDeadline) clearTimeout(wakeAtDeadline);
    rearmed?.forEach(clearTimeout);
    if (hostTimer) leaveTimerCallback(hostTimer);
    if (lentRef) hostTimer!.ref!(); // a 0 -> 1 count re-refs Node's libuv timer for the rest of the callback
  }
}

/**
 * Node 26 (changelog "src: fast path empty native immediate drain") leaves its immediate idle handle started while
 * a setImmediate callback runs (and ticks and events fired from one), although nothing is queued: every `uv_run`
 * then returns at once, the pump spins at full CPU and the loop never looks dead. An immediate created and
 * cleared takes Node's immediate ref count 0 -> 1 -> 0, which stops that handle; with other immediates pending the
 * count does not reach 0 and nothing changes (they need the handle). Harmless on the majors without the bug.
 */
function stopStuckImmediateIdle(): void {
  clearImmediate(setImmediate(noop));
}

/*
 * Node's timers are not re-entrant, and a pump inside a timer callback makes them re-enter:
 * - Node arms its single libuv timer again only when timer callbacks return, so while one is on the stack a
 *   timer joining an existing list (same duration as a pending one) would never fire. A timer that starts a
 *   new list re-arms it; two short durations make it unlikely that both lists exist already.
 * - Timer callbacks that run inside a pump inside another timer callback can corrupt Node's timer queue
 *   (measured: lost timers, and processTimers looping forever). So a blocking call nested in a timer callback
 *   while another blocking call is in progress is refused before it starts (`pumpBlocker`); one level works.
 * - If libuv still reports the loop dead while JavaScript timers are pending, the timers are wedged: that call
 *   fails rather than spin.
 */
/** Timers whose callbacks are blocked in a pump on this thread. */
const timerCallbacksOnStack = new Set<TimerLike>();

/** The timer's callback returned (its blocking call ended). */
function leaveTimerCallback(timer: TimerLike): void {
  timerCallbacksOnStack.delete(timer);
}

type TimerLike = {
  constructor?: { name?: string };
  hasRef?(): boolean;
  ref?(): unknown;
  unref?(): unknown;
  _repeat?: unknown;
};
function enterTimerCallback(resource: TimerLike): TimerLike | undefined {
  if (timerCallbacksOnStack.has(resource)) return undefined;
  timerCallbacksOnStack.add(resource);
  return resource;
}

/** JavaScript timers still to fire. Node counts a one-shot ref'd timer as pending until its callback returns. */
function pendingTimers(): number {
  let running = 0;
  for (const timer of timerCallbacksOnStack) if (timer.hasRef?.() && timer._repeat == null) running++;
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length - running;
}

/**
 * A ref'd one-shot timer counts as pending until its callback returns. While that callback is blocked, a timer the
 * work creates therefore never takes Node's ref count from 0 to 1, the only moment Node re-refs its libuv timer once
 * a nested round of timers has emptied the queue and unref'd it: the next timer then never wakes the loop (measured:
 * most timer waits after the first in one timer callback failed as wedged). So the host is unref'd while its callback
 * is blocked, and ref'd again after: that 0 -> 1 step re-refs the libuv timer. Returns whether it was lent.
 */
function releaseHostRef(host: TimerLike): boolean {
  if (host._repeat != null || !host.hasRef?.()) return false;
  host.unref?.();
  return true;
}

function rearmTimers(): NodeJS.Timeout[] {
  return [setTimeout(noop, 1).unref(), setTimeout(noop, 2).unref()];
}
