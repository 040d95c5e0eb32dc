// The worker side of synckit's createSyncFn for the payload benchmarks: returns its argument, as worker-targets.mjs's echo.
import { runAsWorker } from 'synckit';

runAsWorker(async (value) => value);
