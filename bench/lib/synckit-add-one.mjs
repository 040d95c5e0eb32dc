// The worker side of synckit's createSyncFn for the worker benchmarks: the same work as worker-targets.mjs.
import { runAsWorker } from 'synckit';

runAsWorker(async (x) => x + 1);
