/**
 * Node's timers as the pump sees them (Node's own, never a test's fakes: real-timers.ts). They are not re-entrant: a
 * pump in a timer callback works with the care below (test/fixtures/pump/timer-after-timer.cjs); a second level
 * corrupts Node's timer queue and is refused (test/fixtures/pump/nested-in-timer.cjs).
 */
import { realTimers } from '../real-timers.js';
import { state, type TimerLike } from './state.js';

export const { setTimeout, clearTimeout } = realTimers;
const { setImmediate, clearImmediate } = realTimers;

export const noop = (): void => {};

export interface HostTimer {
  timer: TimerLike;
  lentRef: boolean;
  rearmed: NodeJS.Timeout[];
}

/**
 * Node re-arms its libuv timer only when timer callbacks return, and re-refs it only on a ref count going 0 -> 1. So
 * while the host's callback blocks, two short timers start new lists, and the host lends its ref.
 */
export function enterHostTimer(timer: TimerLike): HostTimer | undefined {
  if (state.timerCallbacksOnStack.has(timer)) return undefined;
  state.timerCallbacksOnStack.add(timer);
  const lentRef = timer._repeat == null && timer.hasRef?.() === true;
  if (lentRef) timer.unref?.();
  return { timer, lentRef, rearmed: [setTimeout(noop, 1).unref(), setTimeout(noop, 2).unref()] };
}

export function leaveHostTimer({ timer, lentRef, rearmed }: HostTimer): void {
  rearmed.forEach(clearTimeout);
  state.timerCallbacksOnStack.delete(timer);
  if (lentRef) timer.ref!(); // test/fixtures/pump/host-timer-refresh.cjs
}

/** Timers still to fire (a blocked one-shot host counts until it returns); with libuv idle, they are wedged. */
export function pendingTimers(): number {
  let running = 0;
  for (const timer of state.timerCallbacksOnStack) if (timer.hasRef?.() && timer._repeat == null) running++;
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length - running;
}

/**
 * Node 26 leaves its immediate idle handle started in a setImmediate callback, so `uv_run` never sleeps; an immediate
 * set and cleared stops it (test/fixtures/pump/sleep-in-immediate.cjs).
 */
export function stopStuckImmediateIdle(): void {
  clearImmediate(setImmediate(noop));
}
