/**
 * The worker thread's entry, published as `asynchro-bridge/worker-runner` and bundled into dist/asynchro-runner.js
 * (scripts/bundle.mjs): a worker asynchro starts loads this file, which serves the calling thread's requests
 * (thread/serve.ts) until the worker ends.
 */
import './thread/serve.js';
