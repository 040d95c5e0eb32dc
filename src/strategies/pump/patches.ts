/**
 * The two patches the pump installs, both by `installPatches()`, which the entry (index.ts) calls once when asynchro
 * loads, where the pump can run at all:
 * - `process._tickCallback` ends the proved stretch (state.ts `safeFor`) whenever other code drains ticks and
 *   microtasks inside a callback (another deasync user, or another copy of asynchro).
 * - `setImmediate` (global, `node:timers`, its ES module export) runs each callback through a guard. Inside a pump,
 *   an immediate (and anything it runs: an emitted event) that throws aborts Node before JavaScript sees the
 *   exception: processImmediate skips the pop of the immediate's async id, the native callback scope then finds the
 *   wrong id ("async hook stack has become corrupted"); with that check off (--no-force-async-hooks-checks)
 *   CheckImmediate fails on the empty result ("FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal"). So the guard
 *   reports the exception (drain.ts) instead of letting it leave the callback. Outside a pump it records which
 *   immediate runs, which tells the pump an immediate's callback without `executionAsyncResource` (callback-kind.ts),
 *   and proves the first immediate of a turn able to pump (where.ts `provedByLoop`).
 * Immediates queued before asynchro was loaded, or through a `setImmediate` or `_tickCallback` captured before, go
 * unseen (docs/caveats.md).
 */
import { executionAsyncId } from 'node:async_hooks';
import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';
import { exposedTickCallback, report, tickCallback } from './drain.js';
import { state, type ImmediateLike } from './state.js';
import { provedByLoop } from './where.js';

/** Installs both patches; once per copy of asynchro. */
export function installPatches(): void {
  guardImmediates();
  patchTickCallback();
}

function patchTickCallback(): void {
  function _tickCallback(this: unknown): void {
    state.safeFor = -1;
    state.foreignDrainSeen = true;
    // biome-ignore lint/complexity/noArguments: passed on as they came
    return Reflect.apply(exposedTickCallback!, this, arguments);
  }
  // As Node's deprecation wrapper does, the undeprecated function is the wrapper's prototype: another copy of asynchro
  // finds it there and drains without a warning (drain.ts), and still ends this copy's proof.
  Object.setPrototypeOf(_tickCallback, function _tickCallback(): void {
    state.safeFor = -1;
    state.foreignDrainSeen = true;
    tickCallback();
  });
  (process as unknown as { _tickCallback: () => void })._tickCallback = _tickCallback;
}

/** Tells the pump which immediate's callback starts (Node calls it with the immediate as `this`), outside a pump. */
function enter(immediate: ImmediateLike): void {
  state.runningImmediate = immediate;
  state.runningImmediateId = executionAsyncId();
  provedByLoop(immediate, state.runningImmediateId);
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
): void {
  const outer = state.runningImmediate;
  const outerId = state.runningImmediateId;
  enter(immediate as ImmediateLike);
  try {
    if (args) Reflect.apply(callback, immediate, args);
    else if (arity === 0) callback.call(immediate);
    else callback.call(immediate, arg);
  } catch (error) {
    report(error);
  } finally {
    state.runningImmediate = outer;
    state.runningImmediateId = outerId;
  }
}

function runGuarded(this: unknown, callback: (...args: unknown[]) => void, ...args: unknown[]): void {
  if (state.depth > 0) return runNested(this, callback, -1, undefined, args);
  enter(this as ImmediateLike);
  Reflect.apply(callback, this, args);
}
// The usual arities without rest parameters or Reflect.apply: no array for each immediate.
function runGuarded0(this: unknown, callback: () => void): void {
  if (state.depth > 0) return runNested(this, callback, 0, undefined, undefined);
  enter(this as ImmediateLike);
  callback.call(this);
}
function runGuarded1(this: unknown, callback: (arg: unknown) => void, arg: unknown): void {
  if (state.depth > 0) return runNested(this, callback as (...args: unknown[]) => void, 1, arg, undefined);
  enter(this as ImmediateLike);
  callback.call(this, arg);
}

/** Replaces `setImmediate` with one that runs each callback through the guard; Node's own error for a non-function. */
function guardImmediates(): void {
  const original = globalThis.setImmediate;
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
 * load node:module and with it that loader, for nothing (test/fixtures/timers-esm-view.cjs). Unsure (the list's
 * names changed): yes.
 */
function hasEsmLoader(): boolean {
  const loaded = (process as { moduleLoadList?: string[] }).moduleLoadList ?? [];
  return (
    !loaded.includes('NativeModule internal/modules/esm/utils') ||
    loaded.includes('NativeModule internal/modules/esm/loader')
  );
}
