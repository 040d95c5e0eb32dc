/**
 * `asynchro-bridge/worker`: the worker pool asynchro runs relocated calls in, for applications and test setups that
 * manage it: async context carried into the workers, the runner file they start from, stopping them all.
 */
export {
  addWorkerContext,
  setWorkerRunner,
  terminateWorkers,
  type WorkerContext,
} from '../strategies/worker/index.js';
