/**
 * Whether this thread is one of asynchro's worker threads. Its event loop serves the requests of a thread that is
 * blocked waiting for a reply, and runs their targets from its MessagePort and from promise reactions; a pump there
 * would nest that loop under the call it is running, so the pump refuses in the whole thread (a relocatable target
 * still moves on, to a worker of its own). A mark on the global object: every copy of asynchro in the thread sees it
 * (the runner's, and the one a target module imports), and a thread started from there does not inherit it.
 */
const MARK = Symbol.for('asynchro-bridge:worker-runner');

/** The runner marks its thread before it imports any target. */
export function markWorkerRunnerThread(): void {
  (globalThis as Record<symbol, unknown>)[MARK] = true;
}

/** Read when asynchro loads: a target module imports it after the runner marked the thread. */
export const inWorkerRunnerThread = (globalThis as Record<symbol, unknown>)[MARK] === true;
