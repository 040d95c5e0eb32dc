/** The non-blocking bridge: `desync` and `desynced` run a function on a later turn, or in the worker pool. */
import { desyncChannel, type DesyncCallContext } from '../instrumentation/channels.js';
import { isReallyCoroutineFunction, markWrapper, recordCoroutine } from '../metadata/coroutine.js';
import { checkFunction, checkOptions } from '../options.js';
import type { CallSite, Relocation } from '../strategies/relocation.js';
import { functionName } from '../strategies/call-label.js';
import { desyncInWorker, moduleUrl, type ModuleReference } from '../strategies/worker/index.js';
import { realTimers } from '../strategies/real-timers.js';
import { keepShape } from './shape.js';

const DESYNC_SITE: CallSite = Object.freeze({
  verb: 'desync',
  name: undefined,
  className: undefined,
  coroutine: undefined,
  relocation: undefined,
});

/**
 * Runs `fn(...args)` asynchronously: a coroutine function is called and awaited, any other function runs on a later
 * turn of the event loop. A throw becomes the rejection.
 */
export function desync<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
  if (typeof fn !== 'function') {
    try {
      checkFunction(fn, 'desync(fn, ...args)');
    } catch (error) {
      return Promise.reject(error); // desync never throws
    }
  }
  try {
    return callDesync(fn, undefined, args, DESYNC_SITE);
  } catch (error) {
    return Promise.reject(error); // a revoked Proxy, a Proxy whose traps throw
  }
}

/** Where `desynced` runs the work instead of this thread, for CPU-heavy work. */
export interface DesyncOptions {
  /** URL (`import.meta.url`) or absolute path of a module exporting the function: it then runs in a worker pool. */
  module?: ModuleReference;
  /** The export's name; default `fn.name`. */
  exportName?: string;
  /** Allow a `module` that is not a `file:` URL or absolute path (`data:`, `node:`, `http:`...). Default false. */
  allowNonFileModule?: boolean;
}

const DESYNC_OPTION_KEYS = [
  'module',
  'exportName',
  'allowNonFileModule',
] as const satisfies readonly (keyof DesyncOptions)[];

/**
 * Makes an async version of `fn` without calling it; `this`, `name` and `length` are kept. With `module`, calls run
 * in a worker pool (imported there by name, arguments and results structured-cloned), leaving the event loop free.
 */
export function desynced<A extends unknown[], R, This = unknown>(
  fn: (this: This, ...args: A) => R,
  options?: DesyncOptions,
): (this: This, ...args: A) => Promise<Awaited<R>> {
  checkFunction(fn, 'desynced(fn, options)');
  const name = functionName(fn) ?? '';
  const read = checkOptions<DesyncOptions>(options, `desynced(${name || '<anonymous>'})`, DESYNC_OPTION_KEYS);
  const { module, exportName = name, allowNonFileModule } = read;
  if (module !== undefined && exportName === '') {
    throw new TypeError(
      `asynchro-bridge: desynced(<anonymous>): option 'exportName' is needed with 'module': the function has no name to import it by.`,
    );
  }
  const site = module === undefined ? DESYNC_SITE : offloadSite(module, exportName, 'desync', allowNonFileModule);
  const deferred = function (this: This, ...args: A): Promise<Awaited<R>> {
    try {
      return callDesync(fn, this, args, site);
    } catch (error) {
      return Promise.reject(error); // an async variant never throws
    }
  };
  recordCoroutine(deferred, 'asynchro');
  markWrapper(deferred, fn);
  return keepShape(deferred, fn);
}

/** The one path every async variant takes: tracing, then `runDesync`. */
export function callDesync<A extends unknown[], R>(
  fn: (...args: A) => R,
  thisArg: unknown,
  args: A,
  site: CallSite = DESYNC_SITE,
): Promise<Awaited<R>> {
  if (!desyncChannel.hasSubscribers) return runDesync(fn, thisArg, args, site, undefined);
  const trace: DesyncCallContext = {
    name: site.name ?? functionName(fn) ?? '',
    className: site.className,
    verb: site.verb,
    strategy: undefined,
  };
  return desyncChannel.tracePromise(runDesync<A, R>, trace, undefined, fn, thisArg, args, site, trace);
}

/** A site whose calls are offloaded to the worker pool. */
export function offloadSite(
  module: ModuleReference,
  exportName: string,
  verb = 'desync',
  allowNonFileModule = false,
  transfer = false,
): CallSite {
  const relocation: Relocation = {
    module: moduleUrl(module, allowNonFileModule),
    exportName,
    instance: undefined,
    iterator: undefined,
    transfer: transfer || undefined,
    divergence: undefined,
  };
  return Object.freeze({
    verb,
    name: exportName,
    className: undefined,
    coroutine: undefined,
    relocation: () => relocation,
  });
}

function runDesync<A extends unknown[], R>(
  fn: (...args: A) => R,
  thisArg: unknown,
  args: A,
  site: CallSite,
  trace: DesyncCallContext | undefined,
): Promise<Awaited<R>> {
  if (site.relocation) {
    if (trace) trace.strategy = 'worker';
    return desyncInWorker(site.relocation(thisArg), args, site) as Promise<Awaited<R>>;
  }
  if (isReallyCoroutineFunction(fn)) {
    if (trace) trace.strategy = 'coroutine';
    try {
      return Promise.resolve(Reflect.apply(fn, thisArg, args) as Awaited<R>);
    } catch (error) {
      return Promise.reject(error); // a coroutine-marked function that throws before returning its promise
    }
  }
  if (trace) trace.strategy = 'deferred';
  return new Promise<Awaited<R>>((resolve, reject) => {
    // Node's own setImmediate: a test's fake timers would hold the work until the fake clock moves.
    realTimers.setImmediate(() => {
      try {
        resolve(Reflect.apply(fn, thisArg, args) as Awaited<R>);
      } catch (error) {
        reject(error);
      }
    });
  });
}
