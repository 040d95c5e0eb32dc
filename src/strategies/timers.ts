/**
 * The pump's view of Node's timers: which timer callback a call runs in (and which are blocked in a pump on this
 * thread), how many timers are still to fire, and the ref and re-arm steps that keep timers firing while a timer
 * callback is blocked.
 */
import { executionAsyncId, executionAsyncResource } from 'node:async_hooks';

const noop = (): void => {};

/*
 * Node's timers are not re-entrant, and a pump inside a timer callback makes them re-enter:
 * - Node arms its single libuv timer again only when timer callbacks return, so while one is on the stack a
 *   timer joining an existing list (same duration as a pending one) would never fire. A timer that starts a
 *   new list re-arms it; two short durations make it unlikely that both lists exist already.
 * - Timer callbacks that run inside a pump inside another timer callback can corrupt Node's timer queue
 *   (measured: lost timers, and processTimers looping forever). So a blocking call nested in a timer callback
 *   while another blocking call is in progress is refused before it starts (`pumpBlocker`); one level works.
 * - If libuv still reports the loop dead while JavaScript timers are pending, the timers are wedged: that call
 *   fails rather than spin.
 */
/** Timers whose callbacks are blocked in a pump on this thread. */
const timerCallbacksOnStack = new Set<TimerLike>();

/** The timer's callback returned (its blocking call ended). */
export function leaveTimerCallback(timer: TimerLike): void {
  timerCallbacksOnStack.delete(timer);
}

export type TimerLike = { constructor?: { name?: string }; hasRef?(): boolean; ref?(): unknown; unref?(): unknown; _repeat?: unknown };
const isTimer = (resource: unknown): resource is TimerLike => (resource as TimerLike)?.constructor?.name === 'Timeout';

export function timerCallbackOnStack(): boolean {
  return timerCallbacksOnStack.size > 0 || isTimer(executionAsyncResource());
}

export function enterTimerCallback(): TimerLike | undefined {
  const resource = callbackTimer();
  if (!resource || timerCallbacksOnStack.has(resource)) return undefined;
  timerCallbacksOnStack.add(resource);
  return resource;
}

/**
 * The timer whose callback the caller runs in, if any. Async ids are never reused, so the answer is kept for the
 * caller's id: calls come in runs from one callback, and `executionAsyncResource` costs more than the id.
 */
function callbackTimer(): TimerLike | undefined {
  const id = executionAsyncId();
  if (id !== timerCheckedFor) {
    timerCheckedFor = id;
    const resource = executionAsyncResource();
    lastTimer = isTimer(resource) ? resource : undefined;
  }
  return lastTimer;
}
let timerCheckedFor = -1;
let lastTimer: TimerLike | undefined;

/** JavaScript timers still to fire. Node counts a one-shot ref'd timer as pending until its callback returns. */
export function pendingTimers(): number {
  let running = 0;
  for (const timer of timerCallbacksOnStack) if (timer.hasRef?.() && timer._repeat == null) running++;
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length - running;
}

/**
 * A ref'd one-shot timer counts as pending until its callback returns. While that callback is blocked, a timer the
 * work creates therefore never takes Node's ref count from 0 to 1, the only moment Node re-refs its libuv timer once
 * a nested round of timers has emptied the queue and unref'd it: the next timer then never wakes the loop (measured:
 * most timer waits after the first in one timer callback failed as wedged). So the host is unref'd while its callback
 * is blocked, and ref'd again after: that 0 -> 1 step re-refs the libuv timer. Returns whether it was lent.
 */
export function releaseHostRef(host: TimerLike): boolean {
  if (host._repeat != null || !host.hasRef?.()) return false;
  host.unref?.();
  return true;
}

export function rearmTimers(): NodeJS.Timeout[] {
  return [setTimeout(noop, 1).unref(), setTimeout(noop, 2).unref()];
}
