/**
 * The loop pump: blocks the current thread by turning its own event loop until an awaitable settles. The work keeps
 * its `this`, closures and async context. The bridge asks `pumpBlocker()` (where.ts) before it starts the work, then
 * hands what the work returned to `pump()`. The story, file by file: where.ts (where the pump may run, with
 * callback-kind.ts, thread-pool.ts, message-port.ts), wait.ts (the wait itself, with timers.ts and hidden-handles.ts),
 * drain.ts (ticks, microtasks and what throws in them), patches.ts, engine.ts, errors.ts, and state.ts (all it keeps).
 */
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

// The patches go in when asynchro loads, before any immediate a blocking call could run in is queued through it
// (patches.ts); never where the pump cannot run at all.
if (!state.unavailable) installPatches();

/** Pumps in progress on this thread: 0 outside any, 1 inside the work of the outermost blocked call. */
export function pumpDepth(): number {
  return state.depth;
}

/**
 * Blocks until `awaitable`, which `call`'s work returned, settles; returns its value or throws its reason as rejected.
 * `call` is its settlement (unless it is a promise held already, which has its own); `then` is the awaitable's, read once
 * by the caller. The caller must have checked `pumpBlocker()` before starting the work.
 */
export function pump(call: BlockingCall, awaitable: PromiseLike<unknown>, then: Function): unknown {
  const settlement = observeInto(awaitable, then, call);
  state.safeFor = -1; // the pump's drains run microtasks with this callback's id on top (state.ts)
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
