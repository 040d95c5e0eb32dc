/**
 * Where the pump may run. Not in a microtask, where a nested checkpoint does nothing and the work's reactions never
 * run (test/fixtures/pump/microtask-refusal.cjs), nor in the callbacks callback-kind.ts and timers.ts name.
 */
import { executionAsyncId } from 'node:async_hooks';
import { MAX_PUMP_DEPTH } from '../../config.js';
import { inWorkerRunnerThread } from '../worker-runner-mark.js';
import { callbackKindOf, placeInTurn } from './callback-kind.js';
import { drainTicksAndMicrotasks } from './drain.js';
import { loadPumpEngine, type PumpUnavailable } from './engine.js';
import { state, type ImmediateLike } from './state.js';

export type PumpBlocker =
  | 'microtask'
  | 'nested-in-timer'
  | 'thread-pool'
  | 'message-port'
  | 'worker-thread'
  | 'too-deep'
  | 'later-immediate'
  | 'unavailable';

/** Why the pump cannot run here; the probe may drain what is queued. */
export function pumpBlocker(): PumpBlocker | undefined {
  const id = executionAsyncId();
  // Alone, so that V8 inlines it into the caller.
  if (state.safeFor === id && state.safeDepth === state.depth) return undefined;
  return blockerAt(id);
}

/*
 * An immediate's or timer's callback needs no probe: Node pops its async id before running microtasks, except in a
 * drain made inside it (test/fixtures/pump/foreign-drain-first.cjs).
 */
function blockerAt(id: number): PumpBlocker | undefined {
  if (inWorkerRunnerThread) return 'worker-thread';
  if (!state.engine && !loadEngine()) return 'unavailable';
  if (state.depth >= MAX_PUMP_DEPTH) return 'too-deep';
  const kind = callbackKindOf(id);
  if (state.depth === 0) {
    if (kind === 'thread-pool' || kind === 'message-port' || kind === 'later-immediate') return kind;
    if ((kind === 'immediate' || kind === 'timer') && !state.probing && !state.foreignDrainSeen) return undefined;
    return canPumpHere() ? undefined : 'microtask';
  }
  if (state.timerCallbacksOnStack.size > 0 || kind === 'timer') return 'nested-in-timer';
  if (kind === 'thread-pool' || kind === 'message-port' || kind === 'later-immediate') return kind;
  return state.safeFor === id || canPumpHere() ? undefined : 'microtask';
}

/** On first use: asynchro still imports where the engine cannot load. */
function loadEngine(): boolean {
  if (state.unavailable) return false;
  const loaded = loadPumpEngine();
  state.engine = loaded.engine;
  state.unavailable = loaded.unavailable;
  return state.engine !== undefined;
}

export function pumpUnavailable(): PumpUnavailable | undefined {
  return state.unavailable;
}

// Cheaper than `queueMicrotask`, which wraps each callback in an AsyncResource.
const settled = Promise.resolve();
const queueCheapMicrotask = (callback: () => void): void => void settled.then(callback);

/** A microtask queued now runs in a drain exactly when the caller is not in one. */
function canPumpHere(): boolean {
  // Still unrun: the same checkpoint, and another probe would pile up.
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

export function rememberSafety(): void {
  const id = executionAsyncId();
  state.safeFor = id === 0 ? -1 : id; // 0: Node's own drains
  state.safeDepth = state.depth;
}

/** An immediate's callback starts: the first of its turn can pump, unless `blockerAt` would refuse it anyway. */
export function provedByLoop(immediate: ImmediateLike, id: number): void {
  if (!state.engine || state.foreignDrainSeen || state.depth >= MAX_PUMP_DEPTH || state.timerCallbacksOnStack.size > 0)
    return;
  if (placeInTurn(immediate) === 'immediate') {
    state.safeFor = id;
    state.safeDepth = state.depth;
  }
}
