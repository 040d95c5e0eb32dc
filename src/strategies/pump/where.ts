/**
 * Where the pump may run. Not inside a microtask, where a nested microtask checkpoint does nothing and the work's
 * reactions would never run; not in a later immediate of its turn (callback-kind.ts), a thread-pool completion
 * (thread-pool.ts), a MessagePort callback (message-port.ts), asynchro's own worker thread (worker-runner-mark.ts),
 * nested in a timer callback while another call blocks (timers.ts), `MAX_PUMP_DEPTH` pumps deep, or in a process
 * where it cannot run at all (engine.ts). Asked before the work starts; a stretch once proved stays proved.
 */
import { executionAsyncId } from 'node:async_hooks';
import { MAX_PUMP_DEPTH } from '../../config.js';
import { inWorkerRunnerThread } from '../worker-runner-mark.js';
import { callbackKindOf, placeInTurn } from './callback-kind.js';
import { drainTicksAndMicrotasks } from './drain.js';
import { loadPumpEngine, type PumpUnavailable } from './engine.js';
import { state, type ImmediateLike } from './state.js';

/** Why the pump cannot run here (see this file's opening comment); `unavailable`: not in this process at all. */
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
  if (state.safeFor === id && state.safeDepth === state.depth) return undefined;
  return blockerAt(id);
}

/*
 * An immediate's or a timer's callback at depth 0 needs no probe (the probe would cost every first call in a
 * callback). Node runs it with its resource on top of the async-id stack (emitBefore) and pops it (emitAfter) before
 * it runs any microtask (runNextTicks between callbacks, the callback scope's checkpoint after the batch); with async
 * hooks on, a promise reaction runs under its promise. So a microtask sees an Immediate or a Timeout on top only
 * inside a drain made synchronously within the callback: the probe's own (`state.probing`), or other code's
 * `process._tickCallback` (another deasync user: its nested uv_run also runs Node's between-callback drains with the
 * outer callback on top). Once other code has drained, every first call probes again (`state.foreignDrainSeen`).
 */
function blockerAt(id: number): PumpBlocker | undefined {
  if (inWorkerRunnerThread) return 'worker-thread'; // before the engine loads: nothing is ever remembered as safe there
  if (!state.engine && !loadEngine()) return 'unavailable'; // until loaded, nothing is remembered as safe
  if (state.depth >= MAX_PUMP_DEPTH) return 'too-deep';
  const kind = callbackKindOf(id);
  if (state.depth === 0) {
    if (kind === 'thread-pool' || kind === 'message-port' || kind === 'later-immediate') return kind;
    if ((kind === 'immediate' || kind === 'timer') && !state.probing && !state.foreignDrainSeen) return undefined;
    return canPumpHere() ? undefined : 'microtask';
  }
  // Inside a pump, a later callback of the same resource may follow the stretch that remembered safety.
  if (state.timerCallbacksOnStack.size > 0 || kind === 'timer') return 'nested-in-timer';
  if (kind === 'thread-pool' || kind === 'message-port' || kind === 'later-immediate') return kind;
  return state.safeFor === id || canPumpHere() ? undefined : 'microtask';
}

/**
 * Whether the pump can run in this process. The engine is loaded on first use, so that importing asynchro works where
 * it cannot load, and never on a runtime without a loop (Bun aborts on its uv_run).
 */
function loadEngine(): boolean {
  if (state.unavailable) return false;
  const loaded = loadPumpEngine();
  state.engine = loaded.engine;
  state.unavailable = loaded.unavailable;
  return state.engine !== undefined;
}

/** Why the pump cannot run in this process, once a call found out (`pumpBlocker` returned 'unavailable'). */
export function pumpUnavailable(): PumpUnavailable | undefined {
  return state.unavailable;
}

/** `queueMicrotask` wraps every callback in an AsyncResource; a reaction on a settled promise is far cheaper. */
const settled = Promise.resolve();
const queueCheapMicrotask = (callback: () => void): void => void settled.then(callback);

/**
 * The microtask probe: a microtask queued now runs during a drain exactly when the caller is not itself inside a
 * microtask; inside one, the nested checkpoint does nothing.
 */
function canPumpHere(): boolean {
  // A probe that has not run yet proves we are still inside the same microtask checkpoint: answer without queuing
  // another (one per call would pile up without bound over many calls inside one microtask).
  if (state.unranProbe && !state.unranProbe.ran) return false;
  const probe = { ran: false };
  queueCheapMicrotask(() => {
    probe.ran = true;
  });
  state.probing = true;
  drainTicksAndMicrotasks();
  state.probing = false;
  if (probe.ran) rememberSafety();
  else state.unranProbe = probe;
  return probe.ran;
}

/** The running callback's stretch is proved able to pump, at this depth (see `state.safeFor`). */
export function rememberSafety(): void {
  const id = executionAsyncId();
  state.safeFor = id === 0 ? -1 : id; // 0: no known callback (Node's own microtask drains): never trusted
  state.safeDepth = state.depth;
}

/**
 * Told by the setImmediate guard (patches.ts) before an immediate's callback starts outside a pump: the callback is
 * proved able to pump unless another ran before it in its turn (`placeInTurn`), other code has drained
 * (`state.foreignDrainSeen`), or `blockerAt` would refuse it anyway (nested in a timer's pump, too deep). The first
 * call in it then needs no check beyond the remembered id. That holds inside a pump too: the nested immediate is on
 * top of the async-id stack only while its callback runs.
 */
export function provedByLoop(immediate: ImmediateLike, id: number): void {
  if (!state.engine || state.foreignDrainSeen || state.depth >= MAX_PUMP_DEPTH || state.timerCallbacksOnStack.size > 0)
    return;
  if (placeInTurn(immediate) === 'immediate') {
    state.safeFor = id;
    state.safeDepth = state.depth;
  }
}
