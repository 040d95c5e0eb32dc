/**
 * The wait: drain, then one `uv_run` (asleep until an event), until the work settles or a deadline, an abort, a dead
 * loop, wedged timers or hidden handles end it (test/fixtures/pump/sleep-cpu.cjs).
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

export function turnLoopUntilSettled(settlement: Settlement<unknown>, call: BlockingCall): void {
  if (processWithDomain.domain) turnLoopOutsideDomains(settlement, call);
  else turnLoop(settlement, call);
}

function turnLoop(settlement: Settlement<unknown>, call: BlockingCall): void {
  const loop = state.engine!; // loaded by `pumpBlocker`
  const kind = callbackKindOf(executionAsyncId());
  const { timeout, signal } = call.options;
  // Most waits end after one turn, which needs none of the checks below. Not with a signal: no libuv event announces
  // an abort made before the loop sleeps (test/fixtures/hostile/abort-wake.cjs).
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
 * With a domain active (the REPL's), Node's immediate callback run by a nested loop warns DEP0097: the wait leaves the
 * domains and enters them again after (test/fixtures/pump/repl-session.cjs).
 */
type DomainLike = { enter(): void; exit(): void };
const processWithDomain = process as unknown as { domain?: DomainLike | null };

function turnLoopOutsideDomains(settlement: Settlement<unknown>, call: BlockingCall): void {
  const left: DomainLike[] = [];
  for (let domain = processWithDomain.domain; domain; domain = processWithDomain.domain) {
    domain.exit();
    if (processWithDomain.domain === domain) break; // not on the domain stack
    left.push(domain);
  }
  try {
    turnLoop(settlement, call);
  } finally {
    for (let i = left.length - 1; i >= 0; i--) left[i]!.enter();
  }
}

const loopCount = (): number => perf().nodeTiming.uvMetricsInfo.loopCount;

function waitUntilSettled(
  settlement: Settlement<unknown>,
  call: BlockingCall,
  loop: PumpEngine,
  kind: CallbackKind,
): void {
  const { timeout, signal } = call.options;
  const { site, fn } = call;
  const deadline = timeout === undefined || timeout === Infinity ? Infinity : perf().now() + timeout;
  // Unref'd, not to keep a dead loop alive; on libuv's lagging clock it may fire early, and is then armed again
  // (test/fixtures/timeout-soak.cjs).
  let woke = false;
  const onWake = (): void => {
    woke = true;
  };
  let wakeAtDeadline = deadline === Infinity ? undefined : setTimeout(onWake, timeout).unref();
  const host = kind === 'timer' ? enterHostTimer(state.lastResource as TimerLike) : undefined;
  // Even calls of the predicate follow a drain, odd ones a uv_run; the first turn goes unchecked.
  let calls = 1;
  let countAfterDrain = -1;
  // A dead-looking loop polls a while longer: V8 may still post a platform task (test/fixtures/pump/webassembly.cjs).
  let graceMs = 0;
  let graceTimer: NodeJS.Timeout | undefined;
  let probeTimer: NodeJS.Timeout | undefined;
  let probe: PlatformTaskProbe | undefined;
  let probeDue = false;
  // The probe (hidden-handles.ts) is judged after a full turn and its drain, which deliver its result.
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
            probeTimer = setTimeout(onProbeTimer, 1).unref();
          }
        }
        if (++calls % 2 === 0) {
          if (judgeAfterDrains !== 0 && --judgeAfterDrains === 0 && !probe!.arrived) {
            throw hiddenHandlesError(labelFor(site, fn));
          }
          if (calls === 4) {
            stopStuckImmediateIdle();
            probeTimer ??= setTimeout(onProbeTimer, PROBE_AFTER_MS).unref();
          }
          if (calls > 2) countAfterDrain = loopCount();
        } else if (countAfterDrain >= 0 && countAfterDrain === loopCount()) {
          // uv_run returned without an iteration: nothing alive in libuv
          if (graceTimer) clearTimeout(graceTimer);
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
    abandon(call, error);
    throw error;
  } finally {
    if (probeTimer) clearTimeout(probeTimer);
    if (graceTimer) clearTimeout(graceTimer);
    if (wakeAtDeadline) clearTimeout(wakeAtDeadline);
    if (host) leaveHostTimer(host);
  }
}

/** The work's abort handling runs before the caller goes on (test/fixtures/cancel/close-pump.cjs). */
function abandon(call: SignalSource, reason: unknown): void {
  abortWork(call, reason);
  drainTicksAndMicrotasks();
}

/** What `pred` throws ends the wait; other code's exceptions are reported and the loop restarts. */
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

/** deasync's loopWhile; the first drain is skipped when `pump` has just drained. */
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
