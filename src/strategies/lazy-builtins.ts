/**
 * Node builtins loaded on first use, not at `require('asynchro-bridge')`: only some calls need them, and each loads
 * internal modules of its own (node:module even Node's ES module loader). test/load-on-demand.test.ts pins it.
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
