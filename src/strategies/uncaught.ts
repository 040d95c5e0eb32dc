/**
 * Exceptions of other code's callbacks during a pump. Without asynchro, a callback that throws (an immediate, a
 * tick, an event emitted from one, an I/O callback) has no JavaScript below it: Node calls it uncaught and takes its
 * own path ('uncaughtException' listeners, or print and exit 1, then it empties its async-id stack). Under a pump
 * the callback runs inside a nested uv_run called from JavaScript, so the exception would unwind into the caller's
 * frames instead. Measured on Node 20-26:
 * - an immediate (and anything it runs: an emitted event) that throws inside a pump aborts Node before JavaScript
 *   sees the exception: processImmediate skips the pop of the immediate's async id, the native callback scope then
 *   finds the wrong id ("async hook stack has become corrupted"); with that check off (--no-force-async-hooks-checks)
 *   CheckImmediate fails on the empty result ("FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal"). So an immediate's
 *   exception must never leave its callback while a pump runs: `setImmediate` is guarded.
 * - a tick or an I/O callback that throws unwinds into the pump's frames (leaving a tick's async id pushed), where it
 *   is caught and reported here.
 * - timer callbacks already take Node's path: Node runs them under a verbose TryCatch.
 * Reporting rethrows the exception in a queueMicrotask callback, which Node hands to its uncaught-exception path
 * (triggerUncaughtException), and drains at once: the listeners run and the blocked call goes on, or Node prints the
 * error, runs the exit handlers and exits 1, as it would have without asynchro. Node's path empties the async-id
 * stack, stale ids included; native pops return early on an empty stack.
 */
import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';

/** Hands `error` to Node's uncaught-exception path now; `drain` runs ticks and microtasks (reporting in turn). */
export function reportUncaught(error: unknown, drain: () => void): void {
  queueMicrotask(() => {
    throw error;
  });
  drain();
}

let guarded = false;

/**
 * Makes `setImmediate` (global, `node:timers`, its ES module export) run each callback so that, while `isPumping()`,
 * a throw is reported instead of leaving the callback. Outside a pump the callback runs as it would have (one more
 * frame in a stack trace). Immediates queued before asynchro was loaded, or through a `setImmediate` captured
 * before, are not guarded.
 */
export function guardImmediates(isPumping: () => boolean, report: (error: unknown) => void): void {
  if (guarded) return;
  guarded = true;
  const original = globalThis.setImmediate;
  function runGuarded(this: unknown, callback: (...args: unknown[]) => void, ...args: unknown[]): void {
    if (!isPumping()) return void Reflect.apply(callback, this, args);
    try {
      Reflect.apply(callback, this, args);
    } catch (error) {
      report(error);
    }
  }
  // The usual arities without rest parameters or Reflect.apply: ~150 fewer instructions an immediate.
  function runGuarded0(this: unknown, callback: () => void): void {
    if (!isPumping()) return void callback.call(this);
    try {
      callback.call(this);
    } catch (error) {
      report(error);
    }
  }
  function runGuarded1(this: unknown, callback: (arg: unknown) => void, arg: unknown): void {
    if (!isPumping()) return void callback.call(this, arg);
    try {
      callback.call(this, arg);
    } catch (error) {
      report(error);
    }
  }
  const setImmediate = function setImmediate(callback: unknown, arg?: unknown): NodeJS.Immediate {
    // biome-ignore lint/complexity/noArguments: a rest parameter would allocate an array for every immediate
    const given = arguments;
    if (typeof callback === 'function') {
      if (given.length <= 1) return original(runGuarded0, callback as () => void);
      if (given.length === 2) return original(runGuarded1, callback as (arg: unknown) => void, arg);
      return Reflect.apply(original, undefined, [runGuarded, ...given]) as NodeJS.Immediate;
    }
    return Reflect.apply(original, undefined, [...given]) as NodeJS.Immediate; // Node's own error
  } as typeof globalThis.setImmediate;
  for (const key of Reflect.ownKeys(original)) {
    if (key !== 'length' && key !== 'name' && key !== 'prototype')
      Object.defineProperty(setImmediate, key, Object.getOwnPropertyDescriptor(original, key)!);
  }
  Object.defineProperty(setImmediate, 'length', { value: original.length });
  Object.defineProperty(setImmediate, 'name', { value: original.name }); // a bundler may rename the function
  globalThis.setImmediate = setImmediate;
  if (timers.setImmediate === original) timers.setImmediate = setImmediate;
  syncBuiltinESMExports();
}
