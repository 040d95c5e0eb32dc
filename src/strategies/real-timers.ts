/**
 * Node's own scheduling functions, taken when asynchro loads, for the timers a pump arms for itself (deadline, probes,
 * grace) and the callbacks asynchro schedules: test runners' fake timers replace the globals (jest and vitest fake
 * `setImmediate` and `setTimeout` by default, jest `queueMicrotask` too), and a fake timer never wakes a pump, whose
 * event loop only sees real ones. Fakes installed before asynchro loaded (jest's `fakeTimers.enableGlobally`) are seen
 * through where they say what they replaced: @sinonjs/fake-timers (jest's and vitest's) marks each fake with its
 * `clock`, which keeps the replaced function as `clock._<name>`. Otherwise `node:timers`, which jest's fakes leave
 * alone (they fake the test file's vm context only).
 */
import timers from 'node:timers';

export interface RealTimers {
  setTimeout: typeof globalThis.setTimeout;
  clearTimeout: typeof globalThis.clearTimeout;
  setImmediate: typeof globalThis.setImmediate;
  clearImmediate: typeof globalThis.clearImmediate;
  queueMicrotask: typeof globalThis.queueMicrotask;
}

type Name = keyof RealTimers;
type MaybeFake = { clock?: Record<string, unknown>; _isMockFunction?: boolean };

/** `fn` itself, what a fake says it replaced, or undefined for a fake that does not say. */
function unfaked(fn: unknown, name: Name): unknown {
  if (typeof fn !== 'function') return undefined;
  const { clock, _isMockFunction } = fn as MaybeFake;
  if (clock && typeof clock === 'object') return unfaked(clock[`_${name}`], name);
  return _isMockFunction ? undefined : fn; // jest's legacy fake timers: mock functions
}

function real<N extends Name>(name: N): RealTimers[N] {
  const found =
    unfaked(globalThis[name], name) ?? unfaked((timers as Partial<RealTimers>)[name], name) ?? globalThis[name];
  return found as RealTimers[N];
}

export const realTimers: RealTimers = {
  setTimeout: real('setTimeout'),
  clearTimeout: real('clearTimeout'),
  setImmediate: real('setImmediate'),
  clearImmediate: real('clearImmediate'),
  queueMicrotask: real('queueMicrotask'),
};
