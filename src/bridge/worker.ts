/** Functions whose target is named by module and export, so it can run in a worker thread. */
import { functionName } from '../strategies/call-label.js';
import type { CallSite, Relocation } from '../strategies/relocation.js';
import { SYNC_OPTION_KEYS, callOptions, checkFunction, checkOptions, describeValue } from '../options.js';
import { moduleUrl, type ModuleOptions, type ModuleReference } from '../strategies/worker/index.js';
import type { AnyFunction, BlockingResult, SyncOptions } from '../types.js';
import { callDesync, offloadSite } from './desync.js';
import { iterableOf } from './iterate.js';
import { callSync } from './sync.js';

/** Options of `workerSynced`: like `SyncOptions`, without the strategy (always the worker). */
export interface WorkerSyncOptions extends Omit<SyncOptions, 'strategy'>, ModuleOptions {
  /**
   * Move the ArrayBuffers under the arguments and the result instead of copying them (a view over part of a larger
   * buffer is still copied). Default false. After the call the arguments' buffers are detached here, whatever the
   * outcome.
   */
  transfer?: boolean;
}

/** Options of `workerDesynced`: how the module may be named, and `transfer` as for `workerSynced`. */
export interface WorkerDesyncOptions extends ModuleOptions {
  /** Move the ArrayBuffers under the arguments and the result instead of copying them (see `WorkerSyncOptions`). */
  transfer?: boolean;
}

const WORKER_SYNC_OPTION_KEYS = [
  'timeout',
  'signal',
  'reentrancy',
  'allowNonFileModule',
  'transfer',
] as const satisfies readonly (keyof WorkerSyncOptions)[];
const RELOCATABLE_OPTION_KEYS = [...SYNC_OPTION_KEYS, 'allowNonFileModule'] as const;

/** The relocation of a function exported by a module. */
const fileRelocation = (module: string, exportName: string): Relocation => ({
  module,
  exportName,
  instance: undefined,
  iterator: undefined,
  transfer: undefined,
  divergence: undefined,
});

function checkExportName(exportName: unknown, where: string): void {
  if (typeof exportName !== 'string' || exportName === '') {
    throw new TypeError(
      `asynchro-bridge: ${where}: exportName must be a non-empty string; got ${describeValue(exportName)}.`,
    );
  }
}

/**
 * A blocking function that runs `module`'s export `exportName` in the worker thread; works anywhere. Type it with the
 * target: `workerSynced<typeof import('./api.js').fetchUser>(new URL('./api.js', import.meta.url), 'fetchUser')`.
 */
export function workerSynced<F extends AnyFunction = (...args: unknown[]) => unknown>(
  module: ModuleReference,
  exportName = 'default',
  options?: WorkerSyncOptions,
): (...args: Parameters<F>) => BlockingResult<ReturnType<F>> {
  checkExportName(exportName, 'workerSynced(module, exportName, options)');
  const read = checkOptions<WorkerSyncOptions>(options, `workerSynced(${exportName})`, WORKER_SYNC_OPTION_KEYS);
  const relocation = fileRelocation(moduleUrl(module, read.allowNonFileModule), exportName);
  const site: CallSite = {
    verb: 'workerSynced',
    name: exportName,
    className: undefined,
    coroutine: undefined,
    relocation: () => relocation,
  };
  const blockingOptions = callOptions(read, 'worker');
  const target = { [exportName]: (..._args: Parameters<F>): unknown => undefined }[exportName]!; // names the call in messages and traces
  const blocking = (...args: Parameters<F>) =>
    iterableOf(callSync(target, undefined, args, blockingOptions, site), blockingOptions, site) as BlockingResult<
      ReturnType<F>
    >;
  return Object.defineProperty(blocking, 'name', { value: exportName });
}

/** An async function that runs `module`'s export `exportName` (CPU-heavy sync work) in the worker pool. */
export function workerDesynced<F extends AnyFunction = (...args: unknown[]) => unknown>(
  module: ModuleReference,
  exportName = 'default',
  options?: WorkerDesyncOptions,
): (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>> {
  checkExportName(exportName, 'workerDesynced(module, exportName, options)');
  const { allowNonFileModule, transfer } = checkOptions<WorkerDesyncOptions>(options, `workerDesynced(${exportName})`, [
    'allowNonFileModule',
    'transfer',
  ]);
  const site = offloadSite(module, exportName, 'workerDesynced', allowNonFileModule, transfer);
  // Never called (the site's relocation sends every call to the pool): it names the function in traces.
  const offloaded = (...args: Parameters<F>): Promise<Awaited<ReturnType<F>>> =>
    callDesync(offloaded, undefined, args, site) as Promise<Awaited<ReturnType<F>>>;
  return Object.defineProperty(offloaded, 'name', { value: exportName });
}

/**
 * A blocking version of `fn` that can also move: the pump where the calling context allows it, else the same
 * function imported in the worker thread from `module` under `exportName` (default `fn.name`).
 */
export function relocatableSynced<A extends unknown[], R>(
  fn: (...args: A) => R,
  module: ModuleReference,
  exportName: string | undefined = functionName(fn),
  options?: SyncOptions & ModuleOptions,
): (...args: A) => Awaited<R> {
  checkFunction(fn, 'relocatableSynced(fn, module, exportName, options)');
  const name = functionName(fn) ?? '';
  checkExportName(exportName, `relocatableSynced(${name || '<anonymous>'})`);
  const read = checkOptions<SyncOptions & ModuleOptions>(
    options,
    `relocatableSynced(${exportName})`,
    RELOCATABLE_OPTION_KEYS,
  );
  const blockingOptions = callOptions(read);
  const relocation = fileRelocation(moduleUrl(module, read.allowNonFileModule), exportName as string); // checked above
  const site: CallSite = {
    verb: 'sync',
    name: name || exportName,
    className: undefined,
    coroutine: undefined,
    relocation: () => relocation,
  };
  const blocking = (...args: A) => callSync(fn, undefined, args, blockingOptions, site);
  return Object.defineProperty(blocking, 'name', { value: name });
}
