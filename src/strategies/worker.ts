import { AsynchroError } from '../errors.js';
import type { SyncOptions } from '../types.js';
import type { CallSite, Relocation } from './relocation.js';

/** Runs a relocated call in a worker thread and blocks until it replies. */
export function blockInWorker(relocation: Relocation, args: unknown[], options: SyncOptions, site: CallSite): unknown {
  void relocation;
  void args;
  void options;
  throw new AsynchroError(`${site.verb}: the worker strategy is not implemented yet`);
}
