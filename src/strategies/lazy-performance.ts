/**
 * node:perf_hooks' `performance`, loaded on first use instead of at `require('asynchro')`: only a wait with a deadline
 * or a dead-loop check and the worker strategy read it, and it brings ten internal modules (~0.4 ms of the load).
 */
import type { Performance } from 'node:perf_hooks';

let performance: Performance | undefined;

export const perf = (): Performance => (performance ??= process.getBuiltinModule('node:perf_hooks').performance);
