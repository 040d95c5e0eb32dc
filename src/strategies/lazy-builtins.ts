/**
 * Node builtins loaded on first use instead of at `require('asynchro-bridge')`: only some calls need them, and each brings
 * its own internal modules. node:worker_threads and node:net (only the worker strategy; with the streams they pull in,
 * about 2.7 ms of a 14 ms load), node:perf_hooks' `performance` (a wait with a deadline, the dead-loop check, the
 * worker; ten internal modules, ~0.4 ms), and a `require` of asynchro's own (node:module loads Node's ES module
 * loader, which requiring asynchro must not).
 */
import type * as NodeNet from 'node:net';
import type { Performance } from 'node:perf_hooks';
import type * as WorkerThreads from 'node:worker_threads';

let threads: typeof WorkerThreads | undefined;
let net: typeof NodeNet | undefined;
let performance: Performance | undefined;
let requireHere: NodeJS.Require | undefined;

export const workerThreads = (): typeof WorkerThreads => (threads ??= process.getBuiltinModule('node:worker_threads'));

export const netModule = (): typeof NodeNet => (net ??= process.getBuiltinModule('node:net'));

export const perf = (): Performance => (performance ??= process.getBuiltinModule('node:perf_hooks').performance);

/** A `require` resolving from asynchro's own folder (the pump engine, asynchro-bridge itself from a bundle). */
export const ownRequire = (): NodeJS.Require =>
  (requireHere ??= process.getBuiltinModule('node:module').createRequire(import.meta.url));
