/**
 * Whether this thread is one of asynchro's workers, where a pump would nest the loop under the call it runs, so the
 * pump refuses. A global mark: every copy of asynchro in the thread sees it, and a thread started there does not.
 */
const MARK = Symbol.for('asynchro-bridge:worker-runner');

/** The runner marks its thread before it imports any target. */
export function markWorkerRunnerThread(): void {
  (globalThis as Record<symbol, unknown>)[MARK] = true;
}

/** Read when asynchro loads: a target module imports it after the runner marked the thread. */
export const inWorkerRunnerThread = (globalThis as Record<symbol, unknown>)[MARK] === true;
