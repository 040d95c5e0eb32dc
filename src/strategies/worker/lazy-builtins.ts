/**
 * node:worker_threads and node:net, loaded on first use instead of at `import 'asynchro'`: only the worker strategy
 * needs them, and with the streams they pull in they were about 2.7 ms of a 14 ms load (issue 14's start-up row).
 */
import type * as NodeNet from 'node:net';
import type * as WorkerThreads from 'node:worker_threads';

let threads: typeof WorkerThreads | undefined;
let net: typeof NodeNet | undefined;

export const workerThreads = (): typeof WorkerThreads => (threads ??= process.getBuiltinModule('node:worker_threads'));

export const netModule = (): typeof NodeNet => (net ??= process.getBuiltinModule('node:net'));
