/**
 * The worker strategy's entry, on the calling thread. calling/ is that thread's side, thread/ the worker's (started
 * by runner.ts), wire/ what crosses; test/layering.test.ts keeps calling/ and thread/ apart.
 */
export { blockInWorker, desyncInWorker } from './calling/calls.js';
export { addWorkerContext, type WorkerContext } from './calling/contexts.js';
export { errorClassesFrom, registerErrorClasses } from './calling/error-classes.js';
export { setWorkerRunner, terminateWorkers } from './calling/pool.js';
export { WorkerIterator } from './calling/settle.js';
export { moduleUrl, type ModuleOptions, type ModuleReference } from './wire/module-url.js';
