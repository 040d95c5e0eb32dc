/**
 * Running the ticks and microtasks queued so far, and handing what other code's callbacks throw, which unwinds into
 * the pump, to Node's uncaught-exception path (test/fixtures/foreign-throw.cjs).
 */
import { realTimers } from '../real-timers.js';

type TickCallback = () => void;

export const exposedTickCallback: TickCallback | undefined = (process as { _tickCallback?: TickCallback })
  ._tickCallback;
/**
 * Under --pending-deprecation, a wrapper that warns, with the original as prototype (see
 * test/fixtures/pump/no-side-effects.cjs); a plain one's is a `Function.prototype` (maybe another realm's).
 */
export const tickCallback: TickCallback = (() => {
  if (typeof exposedTickCallback !== 'function') return () => {}; // no pump here
  const original: unknown = Object.getPrototypeOf(exposedTickCallback);
  const isOriginal = typeof original === 'function' && typeof Object.getPrototypeOf(original) === 'function';
  return isOriginal ? (original as TickCallback) : exposedTickCallback;
})();

export function drainTicksAndMicrotasks(): void {
  try {
    tickCallback(); // it takes no `this`
  } catch (error) {
    report(error);
  }
}

/** Rethrown in Node's own microtask: its path runs the listeners or exits 1, and empties the async-id stack. */
export function report(error: unknown): void {
  realTimers.queueMicrotask(() => {
    throw error;
  });
  drainTicksAndMicrotasks();
}
