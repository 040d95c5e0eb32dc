/**
 * The worker strategy's entry, on the calling thread: what the bridge and the decorators use of it. A relocatable
 * target (named by module URL and export) runs in a persistent worker thread while the caller blocks on a
 * SharedArrayBuffer, or, for `workerDesynced`, in a small pool while the caller's event loop stays free. The strategy
 * has three parts, each a folder: calling/ (the calling thread's side: which worker, sending a call, waiting, what the
 * outcome becomes), thread/ (the worker thread's side, started by runner.ts, the `asynchro-bridge/worker-runner`
 * entry) and wire/ (what crosses between them and how; both sides import it, neither imports the other).
 */
export { blockInWorker, desyncInWorker } from './calling/calls.js';
export { addWorkerContext, type WorkerContext } from './calling/contexts.js';
export { errorClassesFrom, registerErrorClasses } from './calling/error-classes.js';
export { setWorkerRunner, terminateWorkers } from './calling/pool.js';
export { WorkerIterator } from './calling/settle.js';
export { moduleUrl, type ModuleOptions, type ModuleReference } from './wire/module-url.js';
