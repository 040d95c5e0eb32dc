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
 * Reporting rethrows the exception in a queueMicrotask callback (Node's own, not a test's fake: real-timers.ts), which
 * Node hands to its uncaught-exception path (triggerUncaughtException), and drains at once: the listeners run and the
 * blocked call goes on, or Node prints the error, runs the exit handlers and exits 1, as it would have without
 * asynchro. Node's path empties the async-id stack, stale ids included; native pops return early on an empty stack.
 *
 * Since every guarded immediate passes through the guard, it also records which one runs (`runningImmediate`): the
 * pump tells an immediate's callback by it instead of `executionAsyncResource`, whose first use makes Node hand every
 * native callback's resource to JavaScript from then on, a cost on every loop turn.
 */
import { executionAsyncId } from 'node:async_hooks';
import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';
import { realTimers } from './real-timers.js';

/** Hands `error` to Node's uncaught-exception path now; `drain` runs ticks and microtasks (reporting in turn). */
export function reportUncaught(error: unknown, drain: () => void): void {
  realTimers.queueMicrotask(() => {
    throw error;
  });
  drain();
}

let guarded = false;

/** The immediate whose guarded callback runs (Node calls it with the immediate as `this`), and its async id. */
let running: object | undefined;
let runningId = -1;
/** Told of each immediate before its callback runs (`guardImmediates`' `entered`). */
let told: (immediate: object, id: number) => void = () => {};

/**
 * The immediate whose callback runs with async id `id`, if its callback went through the guard. Kept after the
 * callback returns (ids are never reused, so a stale entry never matches); a pump's nested immediates put the outer
 * one back when they return.
 */
export function runningImmediate(id: number): object | undefined {
  return id === runningId ? running : undefined;
}

/**
 * Runs an immediate's callback inside a pump: a throw is reported, and the immediate it nests in is the running one
 * again afterwards. `args` for any number of arguments, else `arg` when `arity` is 1. (No closures: one in the guard
 * functions would allocate a context for every immediate of the process.)
 */
function runNested(
  immediate: unknown,
  callback: (...args: unknown[]) => void,
  arity: number,
  arg: unknown,
  args: unknown[] | undefined,
  report: (error: unknown) => void,
): void {
  const outer = running;
  const outerId = runningId;
  running = immediate as object;
  runningId = executionAsyncId();
  told(running, runningId);
  try {
    if (args) Reflect.apply(callback, immediate, args);
    else if (arity === 0) callback.call(immediate);
    else callback.call(immediate, arg);
  } catch (error) {
    report(error);
  } finally {
    running = outer;
    runningId = outerId;
  }
}

/**
 * Makes `setImmediate` (global, `node:timers`, its ES module export) run each callback so that, while `isPumping()`,
 * a throw is reported instead of leaving the callback; outside a pump, `entered(immediate, id)` is told first. Outside a pump the callback runs as it would have (one more
 * frame in a stack trace). Immediates queued before asynchro was loaded, or through a `setImmediate` captured
 * before, are not guarded.
 */
export function guardImmediates(
  isPumping: () => boolean,
  report: (error: unknown) => void,
  entered: (immediate: object, id: number) => void,
): void {
  if (guarded) return;
  guarded = true;
  told = entered;
  const original = globalThis.setImmediate;
  function runGuarded(this: unknown, callback: (...args: unknown[]) => void, ...args: unknown[]): void {
    if (isPumping()) return runNested(this, callback, -1, undefined, args, report);
    enter(this as object);
    Reflect.apply(callback, this, args);
  }
  const enter = (immediate: object): void => {
    running = immediate;
    runningId = executionAsyncId();
    entered(immediate, runningId);
  };
  // The usual arities without rest parameters or Reflect.apply: ~150 fewer instructions an immediate.
  function runGuarded0(this: unknown, callback: () => void): void {
    if (isPumping()) return runNested(this, callback, 0, undefined, undefined, report);
    enter(this as object);
    callback.call(this);
  }
  function runGuarded1(this: unknown, callback: (arg: unknown) => void, arg: unknown): void {
    if (isPumping()) return runNested(this, callback as (...args: unknown[]) => void, 1, arg, undefined, report);
    enter(this as object);
    callback.call(this, arg);
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
  if (hasEsmLoader()) syncBuiltinESMExports();
}

/**
 * Whether Node's ES module loader runs in this process. Only it makes builtins' ES module views, and one made later
 * copies the patched exports: in a CommonJS process that has none yet (Node 20 and 22), syncBuiltinESMExports would
 * load node:module and with it that loader, for nothing. Unsure (the list's names changed): yes.
 */
function hasEsmLoader(): boolean {
  const loaded = (process as { moduleLoadList?: string[] }).moduleLoadList ?? [];
  return (
    !loaded.includes('NativeModule internal/modules/esm/utils') ||
    loaded.includes('NativeModule internal/modules/esm/loader')
  );
}
