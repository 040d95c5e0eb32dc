/**
 * The wait: turning the loop (the engine's `uv_run`, between drains of ticks and microtasks, as deasync's loopWhile
 * does) until the awaitable settles, asleep in `uv_run` between events. It ends unsettled on the call's deadline, an
 * abort, a dead loop (after a grace period), wedged timers or hidden handles; what other code's callbacks throw on the
 * way is reported, and the wait goes on.
 */
import { executionAsyncId } from 'node:async_hooks';
import { DEADLOCK_GRACE_LAST_MS, PROBE_AFTER_MS, PROBE_BOUND_MS } from '../../config.js';
import type { BlockingCall } from '../blocking-call.js';
import { abortWork, type SignalSource } from '../call-signal.js';
import { labelFor } from '../call-label.js';
import { perf } from '../lazy-builtins.js';
import type { Settlement } from '../settlement.js';
import { callbackKindOf, runByLoop, type CallbackKind } from './callback-kind.js';
import { drainTicksAndMicrotasks, report } from './drain.js';
import type { PumpEngine } from './engine.js';
import { deadlockError, hiddenHandlesError, timeoutError, timersWedgedError } from './errors.js';
import { probePlatformTasks, type PlatformTaskProbe } from './hidden-handles.js';
import { state, type TimerLike } from './state.js';
import {
  clearTimeout,
  enterHostTimer,
  leaveHostTimer,
  noop,
  pendingTimers,
  setTimeout,
  stopStuckImmediateIdle,
} from './timers.js';

/** Turns the loop until `settlement` (of `call`'s work) is no longer pending, or throws why it never will be. */
export function turnLoopUntilSettled(settlement: Settlement<unknown>, call: BlockingCall): void {
  if (processWithDomain.domain) turnLoopOutsideDomains(settlement, call);
  else turnLoop(settlement, call);
}

function turnLoop(settlement: Settlement<unknown>, call: BlockingCall): void {
  const loop = state.engine!; // the call passed `pumpBlocker`, which loaded it
  const kind = callbackKindOf(executionAsyncId());
  const { timeout, signal } = call.options;
  // Most waits end after one turn. Run by the loop itself at depth 1 (no handles hidden, see hidden-handles.ts), not in
  // a timer callback nor a later immediate, with no deadline, that turn needs none of a longer wait's machinery (its
  // timers and checks would cost each call on setImmediate work several times the turn). A dead loop costs one more
  // turn. Not with a signal: no libuv event announces an abort, so one made by the work (or a microtask the drain ran)
  // must be seen before the loop may sleep. Once the loop runs, JavaScript that aborts runs in its callbacks, and
  // UV_RUN_ONCE returns after them (libuv runs no callback before its poll without making that poll return at once).
  if (
    state.depth === 1 &&
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

const loopCount = (): number => perf().nodeTiming.uvMetricsInfo.loopCount;

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
  const host = kind === 'timer' ? enterHostTimer(state.lastResource as TimerLike) : undefined;
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
  if (state.depth > 1 || !runByLoop(kind)) probeTimer = setTimeout(onProbeTimer, PROBE_AFTER_MS).unref();
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
    if (host) leaveHostTimer(host);
  }
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
