/** The loop pump's entry: `pumpBlocker()` before the work starts, then `pump()` with what it returned. */
import type { BlockingCall } from '../blocking-call.js';
import { observeInto } from '../settlement.js';
import { drainTicksAndMicrotasks } from './drain.js';
import { installPatches } from './patches.js';
import { state } from './state.js';
import { turnLoopUntilSettled } from './wait.js';
import { rememberSafety } from './where.js';

export type { PumpUnavailable } from './engine.js';
export { pumpUnavailableError } from './errors.js';
export { pumpBlocker, pumpUnavailable, type PumpBlocker } from './where.js';

// At load, so that immediates queued from here on are guarded (patches.ts).
if (!state.unavailable) installPatches();

export function pumpDepth(): number {
  return state.depth;
}

/** Blocks until `awaitable` settles; `then` is its `then`, read once. */
export function pump(call: BlockingCall, awaitable: PromiseLike<unknown>, then: Function): unknown {
  const settlement = observeInto(awaitable, then, call);
  state.safeFor = -1; // its drains run microtasks under this callback's id
  state.depth++;
  try {
    drainTicksAndMicrotasks();
    if (settlement.status === 'pending') turnLoopUntilSettled(settlement, call);
  } finally {
    state.depth--;
  }
  rememberSafety();
  if (settlement.status === 'rejected') throw settlement.reason;
  return settlement.value;
}
