/**
 * Node's timers as the pump sees them. The pump's own timers (deadline, probes, grace) are Node's, never a test's
 * fakes, which its event loop would never see fire (real-timers.ts). And Node's timers are not re-entrant, while a
 * pump inside a timer callback makes them re-enter:
 * - Node arms its single libuv timer again only when timer callbacks return, so while one is on the stack a timer
 *   joining an existing list (same duration as a pending one) would never fire. A timer that starts a new list re-arms
 *   it; two short durations make it unlikely that both lists exist already (`enterHostTimer`).
 * - Timer callbacks that run inside a pump inside another timer callback can corrupt Node's timer queue (lost timers,
 *   processTimers looping forever). So a blocking call nested in a timer callback while another blocking call is in
 *   progress is refused before it starts (where.ts); one level works.
 * - If libuv still reports the loop dead while JavaScript timers are pending, the timers are wedged: that call fails
 *   rather than spin (`pendingTimers`).
 */
import { realTimers } from '../real-timers.js';
import { state, type TimerLike } from './state.js';

export const { setTimeout, clearTimeout } = realTimers;
const { setImmediate, clearImmediate } = realTimers;

export const noop = (): void => {};

/** The timer whose callback is blocked in this pump, while it is. */
export interface HostTimer {
  timer: TimerLike;
  /** Whether its ref was lent (see `enterHostTimer`). */
  lentRef: boolean;
  rearmed: NodeJS.Timeout[];
}

/**
 * The pump starts waiting in `timer`'s callback; undefined if an outer pump of this thread waits in it already.
 * A ref'd one-shot timer counts as pending until its callback returns. While that callback is blocked, a timer the
 * work creates therefore never takes Node's ref count from 0 to 1, the only moment Node re-refs its libuv timer once a
 * nested round of timers has emptied the queue and unref'd it: the next timer would then never wake the loop, and
 * timer waits after the first in one timer callback would fail as wedged. So the host is unref'd while its callback
 * is blocked, and ref'd again after (`leaveHostTimer`): that 0 -> 1 step re-refs the libuv timer.
 */
export function enterHostTimer(timer: TimerLike): HostTimer | undefined {
  if (state.timerCallbacksOnStack.has(timer)) return undefined;
  state.timerCallbacksOnStack.add(timer);
  const lentRef = timer._repeat == null && timer.hasRef?.() === true;
  if (lentRef) timer.unref?.();
  return { timer, lentRef, rearmed: [setTimeout(noop, 1).unref(), setTimeout(noop, 2).unref()] };
}

/** The host's callback is about to go on: its blocking call ended. */
export function leaveHostTimer({ timer, lentRef, rearmed }: HostTimer): void {
  rearmed.forEach(clearTimeout);
  state.timerCallbacksOnStack.delete(timer);
  if (lentRef) timer.ref!(); // a 0 -> 1 count re-refs Node's libuv timer for the rest of the callback
}

/** JavaScript timers still to fire. Node counts a one-shot ref'd timer as pending until its callback returns. */
export function pendingTimers(): number {
  let running = 0;
  for (const timer of state.timerCallbacksOnStack) if (timer.hasRef?.() && timer._repeat == null) running++;
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length - running;
}

/**
 * Node 26 (changelog "src: fast path empty native immediate drain") leaves its immediate idle handle started while
 * a setImmediate callback runs (and ticks and events fired from one), although nothing is queued: every `uv_run`
 * then returns at once, the pump spins at full CPU and the loop never looks dead. An immediate created and
 * cleared takes Node's immediate ref count 0 -> 1 -> 0, which stops that handle; with other immediates pending the
 * count does not reach 0 and nothing changes (they need the handle). Harmless on the majors without the bug.
 */
export function stopStuckImmediateIdle(): void {
  clearImmediate(setImmediate(noop));
}
