/**
 * Running the ticks and microtasks queued so far (`process._tickCallback`), and reporting what other code's callbacks
 * throw during a pump. Without asynchro, a callback that throws (a tick, an I/O callback, an event emitted from one)
 * has no JavaScript below it: Node calls it uncaught and takes its own path ('uncaughtException' listeners, or print
 * and exit 1, then it empties its async-id stack). Under a pump it runs inside a nested uv_run or drain called from
 * JavaScript, so the exception unwinds into the pump's frames (leaving a tick's async id pushed), where it is caught and
 * `report`ed. Timer callbacks already take Node's path (Node runs them under a verbose TryCatch); an immediate's
 * exception must never leave its callback at all (patches.ts).
 */
import { realTimers } from '../real-timers.js';

type TickCallback = () => void;

/**
 * `process._tickCallback` is deprecated (DEP0134). Under --pending-deprecation it is a wrapper that warns, and
 * muting `process.noDeprecation` only postpones that warning. Node keeps the original function as the wrapper's
 * prototype: the pump calls the original.
 * An undecorated `_tickCallback`'s prototype is `Function.prototype`, a function that does nothing, and not always
 * this realm's: jest runs test files in a vm context whose `process` holds the main realm's functions. So a
 * prototype counts as the original only when it has a function prototype itself (`Function.prototype`'s is an object).
 */
export const exposedTickCallback: TickCallback | undefined = (process as { _tickCallback?: TickCallback })
  ._tickCallback;
export const tickCallback: TickCallback = (() => {
  if (typeof exposedTickCallback !== 'function') return () => {}; // no pump here (state.unavailable): never drains
  const original: unknown = Object.getPrototypeOf(exposedTickCallback);
  const isOriginal = typeof original === 'function' && typeof Object.getPrototypeOf(original) === 'function';
  return isOriginal ? (original as TickCallback) : exposedTickCallback;
})();

/** Runs the ticks and microtasks queued so far; one that throws is reported as Node would (see `report`). */
export function drainTicksAndMicrotasks(): void {
  try {
    tickCallback(); // it takes no `this`; and `process` is a getter on the global object
  } catch (error) {
    report(error);
  }
}

/**
 * Hands `error` to Node's uncaught-exception path now: rethrown in a queueMicrotask callback (Node's own, not a test's
 * fake: real-timers.ts), which Node hands to triggerUncaughtException, and drained at once. The listeners run and the
 * blocked call goes on, or Node prints the error, runs the exit handlers and exits 1, as it would have without
 * asynchro. Node's path empties the async-id stack, stale ids included; native pops return early on an empty stack.
 */
export function report(error: unknown): void {
  realTimers.queueMicrotask(() => {
    throw error;
  });
  drainTicksAndMicrotasks();
}
