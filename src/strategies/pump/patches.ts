/**
 * The pump's two patches, installed by `installPatches()` when asynchro loads (index.ts); what was queued or captured
 * before goes unseen (docs/caveats.md).
 */
import { executionAsyncId } from 'node:async_hooks';
import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';
import { exposedTickCallback, report, tickCallback } from './drain.js';
import { state, type ImmediateLike } from './state.js';
import { provedByLoop } from './where.js';

export function installPatches(): void {
  guardImmediates();
  patchTickCallback();
}

/** Another deasync user's drain runs microtasks under the callback's id (test/fixtures/pump/foreign-drain.cjs). */
function patchTickCallback(): void {
  function _tickCallback(this: unknown): void {
    state.safeFor = -1;
    state.foreignDrainSeen = true;
    // biome-ignore lint/complexity/noArguments: passed on as they came
    return Reflect.apply(exposedTickCallback!, this, arguments);
  }
  // the plain function as prototype, like Node's deprecation wrapper (drain.ts)
  Object.setPrototypeOf(_tickCallback, function _tickCallback(): void {
    state.safeFor = -1;
    state.foreignDrainSeen = true;
    tickCallback();
  });
  (process as unknown as { _tickCallback: () => void })._tickCallback = _tickCallback;
}

function enter(immediate: ImmediateLike): void {
  state.runningImmediate = immediate;
  state.runningImmediateId = executionAsyncId();
  provedByLoop(immediate, state.runningImmediateId);
}

/**
 * An immediate that throws inside a pump aborts Node ("async hook stack has become corrupted";
 * test/fixtures/foreign-throw.cjs): reported here instead. No closures, none per immediate.
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

/** Without it, syncBuiltinESMExports would load it for nothing (test/fixtures/timers-esm-view.cjs). */
function hasEsmLoader(): boolean {
  const loaded = (process as { moduleLoadList?: string[] }).moduleLoadList ?? [];
  return (
    !loaded.includes('NativeModule internal/modules/esm/utils') ||
    loaded.includes('NativeModule internal/modules/esm/loader')
  );
}
