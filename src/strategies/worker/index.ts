/**
 * The worker strategy: a relocatable target (named by module URL and export) runs in a persistent worker thread
 * while the caller blocks on a SharedArrayBuffer; or, for `workerDesynced`, in a small pool while the caller's
 * event loop stays free. Only structured-cloneable values cross; errors are rebuilt with their class name, code,
 * cause, custom properties and stack.
 */
import { createRequire } from 'node:module';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WORKER_POOL_SIZE, WORKER_RESPONSIVE_MS } from '../../config.js';
import { DeadlockError, SyncTimeoutError, WorkerCloneError, WorkerExitError, WorkerStartupError } from '../../errors.js';
import { checkFunction, checkOptions, describeValue } from '../../options.js';
import type { SyncOptions } from '../../types.js';
import { labelFor, labelOf } from '../pump.js';
import type { CallSite, Relocation } from '../relocation.js';
import { WorkerHost, newCallId, type Wait } from './host.js';
import { decodeReason, describe, isCloneable, uncloneablePath, valueAt, type CallRequest, type ContextSpec, type Output, type TargetSpec } from './protocol.js';
import { formatAddress, listeningAddresses } from './loopback.js';
import { StartFailure, loaderHint, useRunner } from './startup.js';

/** A module given as a URL (`import.meta.url`, `new URL(...)`) or an absolute file path. */
export type ModuleReference = string | URL;

// ---------------------------------------------------------------------------------------------------------------
// Context hooks

/**
 * Carries a piece of the caller's async context into the worker. On each call `capture()` runs on the calling
 * thread and must return a structured-cloneable value; in the worker, `module`'s export `exportName` (default
 * `enter`) is called as `enter(value, run)` and must call `run()` inside the re-entered context and return what
 * it returns (a value or a promise).
 */
export interface WorkerContext {
  /** For messages, e.g. `'otel'`. */
  name?: string;
  capture: () => unknown;
  module: ModuleReference;
  exportName?: string;
  /** Allow a `module` that is not a `file:` URL or absolute path. Default false. */
  allowNonFileModule?: boolean;
}

interface RegisteredContext {
  name: string;
  capture: () => unknown;
  module: string;
  exportName: string;
}

const contexts: RegisteredContext[] = [];

/** Registers a context carrier for every worker call (blocking and offloaded). Returns a function that removes it. */
export function addWorkerContext(context: WorkerContext): () => void {
  checkOptions(context, 'addWorkerContext(context)', ['name', 'capture', 'module', 'exportName', 'allowNonFileModule']);
  checkFunction(context.capture, 'addWorkerContext(context)', 'context.capture');
  const registered: RegisteredContext = {
    name: context.name ?? `#${contexts.length}`,
    capture: context.capture,
    module: moduleUrl(context.module, context.allowNonFileModule),
    exportName: context.exportName ?? 'enter',
  };
  contexts.push(registered);
  return () => {
    const index = contexts.indexOf(registered);
    if (index >= 0) contexts.splice(index, 1);
  };
}

function captureContexts(): ContextSpec[] {
  return contexts.map(({ capture, module, exportName }) => ({ module, exportName, value: capture() }));
}

// ---------------------------------------------------------------------------------------------------------------
// Workers

let blockingHost: WorkerHost | undefined;

/**
 * After a call timed out: keep the worker when its event loop still answers (the target only waits), so one
 * caller's timeout does not cost the others their twins and module state; stop it when it is stuck, and say what
 * that cost the others (a process warning).
 */
function keepAfterTimeout(host: WorkerHost, call: string): boolean {
  if (host.respondsWithin(WORKER_RESPONSIVE_MS)) return true;
  const twins = host.twinCount;
  host.abandon();
  if (twins > 0) {
    process.emitWarning(
      `${call} timed out while the worker thread was stuck in synchronous code, so asynchro stopped that worker. ` +
        `${twins} twin instance(s) and the module state held there are gone: their next calls rebuild twins in a new ` +
        `worker from their constructor arguments and the data fields that cross with each call; anything else the ` +
        `twins or the modules held there is lost.`,
      { type: 'AsynchroWarning', code: 'ASYNCHRO_WORKER_RESTARTED' },
    );
  }
  return false;
}

/** The one worker that blocking calls use; replaced after it exits or is abandoned. */
function blockingWorker(): WorkerHost {
  if (!blockingHost?.alive) blockingHost = new WorkerHost();
  return blockingHost;
}

/** Offloaded CPU work: up to WORKER_POOL_SIZE workers (one per spare core). */
let pool: WorkerHost[] = [];
/** A caller-side instance keeps using the pool worker that holds its twin. */
const pinnedHosts = new WeakMap<object, WorkerHost>();

function poolWorker(pin: object | undefined): WorkerHost {
  const pinned = pin && pinnedHosts.get(pin);
  if (pinned?.alive) return pinned;
  pool = pool.filter((host) => host.alive);
  let host = pool.find((candidate) => candidate.load === 0);
  if (!host && pool.length < WORKER_POOL_SIZE) pool.push((host = new WorkerHost(0, false)));
  host ??= pool.reduce((least, candidate) => (candidate.load < least.load ? candidate : least));
  if (pin) pinnedHosts.set(pin, host);
  return host;
}

/**
 * Names the worker runner file for workers started from now on: for bundles, where asynchro's own
 * `runner.js` is not beside its code (see "Toolchains" in the README). `undefined` restores the default lookup.
 * The `ASYNCHRO_WORKER_RUNNER` environment variable does the same without code.
 */
export function setWorkerRunner(location: ModuleReference | undefined): void {
  useRunner(location === undefined ? undefined : moduleUrl(location));
}

/** Stops every worker asynchro started. Later calls start new ones. */
export async function terminateWorkers(): Promise<void> {
  const hosts = [blockingHost, ...pool].filter((host): host is WorkerHost => host !== undefined);
  blockingHost = undefined;
  pool = [];
  await Promise.all(hosts.map((host) => host.terminate()));
}

// ---------------------------------------------------------------------------------------------------------------
// Targets and twins

/**
 * A class target gets one twin per caller-side instance, identified by its `constructorArgs` array (the
 * decorators capture it once per instance). The twin is built on first use in each worker and dropped when the
 * caller-side array is garbage-collected.
 */
const twinIds = new WeakMap<object, number>();
let nextTwinId = 1;
const releaseTwin = new FinalizationRegistry<number>((twin) => {
  for (const host of [blockingHost, ...pool]) {
    if (host?.twins.delete(twin) && !host.exit) host.send({ release: twin });
  }
});

/** How a module reference may be given. */
export interface ModuleOptions {
  /**
   * Allow a module that is not a `file:` URL or absolute path (`node:`, `data:`, `http:`, a loader's scheme).
   * Default false: the worker imports and runs what it is given, so a module reference must never come from user input.
   */
  allowNonFileModule?: boolean;
}

/**
 * The URL the worker imports for `module`. Only `file:` modules (a file URL or an absolute path) unless
 * `allowNonFile`: the worker imports and runs whatever it is given, so a `data:` URL, `node:child_process` or an
 * `http:` URL would be code execution in the wrong hands.
 */
export function moduleUrl(module: ModuleReference, allowNonFile = false): string {
  let url: string | undefined;
  if (module instanceof URL) url = module.href;
  else if (typeof module === 'string' && isAbsolute(module)) url = pathToFileURL(module).href;
  else if (typeof module === 'string' && /^[a-z][a-z\d+.-]+:/i.test(module)) url = module;
  if (url === undefined) {
    throw new TypeError(
      `asynchro: a worker target's module must be a URL (import.meta.url, new URL(...)) or an absolute path; got ` +
        `${typeof module === 'string' ? JSON.stringify(module) : describeValue(module)}. A relative path or package name would resolve from asynchro's own folder.`,
    );
  }
  if (!allowNonFile && !/^file:/i.test(url)) {
    throw new TypeError(
      `asynchro: a worker target's module must be a file: URL or an absolute path; got ${JSON.stringify(url.length > 80 ? `${url.slice(0, 80)}...` : url)}. ` +
        `The worker imports and runs the module it is given, so a module reference must never come from user input. ` +
        `To load a non-file module on purpose (node:, data:, a loader's own scheme), pass allowNonFileModule: true.`,
    );
  }
  return url;
}

/** A number per module and export, so that a call names its target in a few bytes once the worker knows it. */
const targetKeys = new Map<string, number>();

function targetFor(relocation: Relocation, host: WorkerHost): TargetSpec {
  if (relocation.iterator) return { key: 0, iterator: relocation.iterator };
  const module = moduleUrl(relocation.module, true); // checked where the target was named
  const exportName = relocation.exportName ?? 'default';
  const where = `${exportName}\0${module}`;
  let key = targetKeys.get(where);
  if (key === undefined) targetKeys.set(where, (key = targetKeys.size + 1));
  const target: TargetSpec = host.places.has(key) ? { key } : { key, place: { module, exportName } };
  if (!relocation.instance) return target;
  const { constructorArgs, method, path } = relocation.instance;
  let twin = twinIds.get(constructorArgs);
  if (twin === undefined) {
    twin = nextTwinId++;
    twinIds.set(constructorArgs, twin);
    releaseTwin.register(constructorArgs, twin);
  }
  target.instance = host.twins.has(twin) ? { twin, method } : { twin, method, constructorArgs };
  if (path?.length) target.instance.path = path;
  if (relocation.instance.fields) target.instance.fields = relocation.instance.fields;
  return target;
}

/** After a request went out: the worker now knows its target's place (and, once built, its twin). */
function remember(host: WorkerHost, target: TargetSpec, twinBuilt: boolean): void {
  host.places.add(target.key);
  if (target.instance && twinBuilt) host.twins.add(target.instance.twin);
}

// ---------------------------------------------------------------------------------------------------------------
// Calls

/** asynchro's own files (dist/ or src/), as URL and as path: their frames are left out of the caller's frames. */
const ownFilesUrl = new URL('../../', import.meta.url ?? pathToFileURL(typeof __filename === 'string' ? __filename : '.')); // CommonJS bundle: no import.meta
const ownFiles = [ownFilesUrl.href, fileURLToPath(ownFilesUrl)];

/** The calling thread's frames, appended to errors rebuilt from the worker. */
function callerFrames(): string {
  return capturedCallerFrames(callerFrames)();
}

/**
 * Captures the calling thread's frames now (above `above`) and formats them when the returned function is called.
 * V8 turns a captured stack into text only when `stack` is first read, which costs far more than the capture: an
 * offloaded call that succeeds never pays for it (measured: most of a workerDesynced call's cost at 100 in flight).
 */
function capturedCallerFrames(above: Function): () => string {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = limit + 10; // room for our own frames, left out below
  Error.captureStackTrace(holder, above);
  Error.stackTraceLimit = limit;
  return () => {
    const frames = (holder.stack ?? '').split('\n').slice(1).filter((line) => !ownFiles.some((own) => line.includes(own)));
    return ['    --- on the calling thread ---', ...frames.slice(0, limit)].join('\n');
  };
}

function replay(output: Output[]): void {
  for (const [fd, chunk] of output) (fd === 1 ? process.stdout : process.stderr).write(chunk);
}

function request(relocation: Relocation, args: unknown[], host: WorkerHost): CallRequest {
  return { id: newCallId(), target: targetFor(relocation, host), args, contexts: captureContexts() };
}

/**
 * Runs a relocated call in the blocking worker and waits for its reply. `options.signal` is checked before the
 * call; while the caller is blocked nothing on its thread can abort it, so bound the wait with `timeout`.
 */
export function blockInWorker(relocation: Relocation, args: unknown[], options: SyncOptions, site: CallSite): unknown {
  if (options.signal?.aborted) throw options.signal.reason;
  let host: WorkerHost;
  try {
    host = blockingWorker();
  } catch (error) {
    if (error instanceof StartFailure) return settle(error.outcome, relocation, site, options.timeout, callerFrames);
    throw error;
  }
  const call = request(relocation, args, host);
  let wait: Wait;
  try {
    wait = host.callBlocking(call, options.timeout, replay);
  } catch (error) {
    throw cloneError(error, call, relocation, site);
  }
  if (wait.kind === 'timeout') wait = { kind: 'timeout', workerStopped: !keepAfterTimeout(host, labelOf(labelFor(site, undefined))) };
  if (wait.kind === 'stalled') host.abandon();
  remember(host, call.target, wait.kind === 'value' || wait.kind === 'iterator' || (wait.kind === 'rejected' && wait.twinBuilt === true));
  return settle(wait, relocation, site, options.timeout, callerFrames);
}

/**
 * Runs a relocated call in the worker pool and resolves with its result: the caller's event loop stays free
 * while CPU-heavy sync work runs on another core.
 */
export async function desyncInWorker(relocation: Relocation, args: unknown[], site: CallSite = { verb: 'desync' }): Promise<unknown> {
  const frames = capturedCallerFrames(desyncInWorker);
  let host: WorkerHost;
  try {
    host = poolWorker(relocation.instance?.constructorArgs);
  } catch (error) {
    if (error instanceof StartFailure) return settle(error.outcome, relocation, site, undefined, frames);
    throw error;
  }
  const call = request(relocation, args, host);
  let reply: Awaited<ReturnType<WorkerHost['callAsync']>>;
  try {
    reply = await host.callAsync(call);
  } catch (error) {
    throw cloneError(error, call, relocation, site);
  }
  replay(reply.output);
  const { outcome } = reply;
  remember(host, call.target, outcome.kind === 'value' || outcome.kind === 'iterator' || (outcome.kind === 'rejected' && outcome.twinBuilt === true));
  if (outcome.kind === 'iterator') {
    // Only the blocking worker keeps iterators for later steps; an offloaded call must give a cloneable result.
    throw new TypeError(
      `${labelOf(labelFor(site, undefined))}: the offloaded call returned an async iterable, which cannot come back ` +
        `from the worker pool; collect its items into an array in the sync method.`,
    );
  }
  return settle(outcome, relocation, site, undefined, frames);
}

// ---------------------------------------------------------------------------------------------------------------
// Error classes

/** Error classes registered by name: an error of that class name from the worker comes back as one. */
const registeredErrors = new Map<string, Function>();
/** Modules that define relocatable classes (so they are loaded on the calling thread), and their exports once read. */
const classModules = new Set<string>();
const namespaces = new Map<string, Record<string, unknown> | null>();

/**
 * Registers error classes: an error thrown in the worker whose class has one of these names comes back as an
 * instance of it (`instanceof` holds), with its message, props, cause and stack. An error class exported by a
 * relocatable class's own module needs no registering. Returns a function that removes them.
 */
export function registerErrorClasses(...classes: (abstract new (...args: any[]) => Error)[]): () => void {
  for (const errorClass of classes) {
    if (typeof errorClass !== 'function' || !(errorClass.prototype instanceof Error)) {
      throw new TypeError(`asynchro: registerErrorClasses: each argument must be an Error subclass; got ${describe(errorClass)}.`);
    }
    registeredErrors.set(errorClass.name, errorClass);
  }
  return () => {
    for (const errorClass of classes) if (registeredErrors.get(errorClass.name) === errorClass) registeredErrors.delete(errorClass.name);
  };
}

/** Lets errors from calls on `module`'s classes come back as the error classes it exports (a decorated class's module). */
export function errorClassesFrom(module: string): void {
  classModules.add(module);
}

/**
 * The exports of a module that defines a decorated class, read on the calling thread with `require` (which returns
 * an ES module's namespace too, Node 20.19+): it is loaded already, so this runs nothing. `null` when it cannot be
 * read now (an ES module still evaluating, or one with top-level await): its errors then come back as stand-ins.
 */
function namespaceOf(module: string): Record<string, unknown> | null {
  if (!classModules.has(module) || !module.startsWith('file:')) return null;
  let namespace = namespaces.get(module);
  if (namespace !== undefined) return namespace;
  try {
    namespace = requireHere(fileURLToPath(module)) as Record<string, unknown>;
    namespaces.set(module, namespace);
  } catch {
    namespace = null; // not cached: a later call may find it loaded
  }
  return namespace;
}

const requireHere = createRequire(import.meta.url);

function errorClassFor(className: string, module: string): Function | undefined {
  const registered = registeredErrors.get(className);
  if (registered) return registered;
  const namespace = namespaceOf(module);
  const exported = namespace && Object.hasOwn(namespace, className) ? namespace[className] : undefined;
  return typeof exported === 'function' && (exported as Function).prototype instanceof Error ? (exported as Function) : undefined;
}

/**
 * What a relocated call that returned an async iterable gives back: the worker keeps the iterator, and each step
 * is a blocking call naming it (`Relocation.iterator`). Only the blocking worker keeps iterators.
 */
export class WorkerIterator {
  constructor(
    readonly id: number,
    /** The call that opened it (its module names the worker target in messages). */
    readonly opened: Relocation,
  ) {}
}

function settle(wait: Wait, relocation: Relocation, site: CallSite, timeout: number | undefined, frames: () => string): unknown {
  const call = labelFor(site, undefined);
  const label = labelOf(call);
  const { functionName } = call;
  const module = moduleUrl(relocation.module, true);
  const exportName = relocation.exportName ?? 'default';
  switch (wait.kind) {
    case 'value':
      if (wait.fields) relocation.instance?.receive?.(wait.fields);
      return wait.value;
    case 'iterator':
      if (wait.fields) relocation.instance?.receive?.(wait.fields);
      return new WorkerIterator(wait.iterator, relocation);
    case 'rejected':
      if (wait.fields) relocation.instance?.receive?.(wait.fields);
      throw decodeReason(wait.reason, frames(), (className) => errorClassFor(className, module));
    case 'startup': {
      const cause = wait.cause && decodeReason(wait.cause);
      const message = `${label}: ${wait.message}${loaderHint(wait.module ?? module, cause)}`;
      throw new WorkerStartupError(message, wait.module ?? module, exportName, { ...(cause !== undefined && { cause }), functionName });
    }
    case 'clone':
      throw new WorkerCloneError(`${label}: ${wait.message}`, wait.what, { functionName });
    case 'deadlock':
      throw new DeadlockError(
        `${label} can never finish: its promise is pending in the worker thread and the worker's event loop holds ` +
          `nothing (no timer, socket, file request) that could settle it.`,
        { functionName },
      );
    case 'exit': {
      const cause = wait.cause && decodeReason(wait.cause);
      const why = cause ? `an uncaught exception (${(cause as Error).message ?? cause})` : `process.exit(${wait.code})`;
      throw new WorkerExitError(`${label}: the worker thread ended during the call, by ${why}. The next call starts a new worker.`, wait.code, {
        ...(cause !== undefined && { cause }),
        functionName,
      });
    }
    case 'vanished':
      throw new WorkerExitError(
        `${label}: the worker thread ended during the call without a word (out of memory, or stopped by native ` +
          `code), so it sent no reply. The next call starts a new worker.`,
        -1,
        { functionName },
      );
    case 'timeout':
      throw new SyncTimeoutError(
        `${label} timed out after ${timeout} ms in the worker thread. ` +
          (wait.workerStopped
            ? `The worker was stuck in synchronous code, so it was stopped (its twins and module state are gone); the next call starts a new one.`
            : `The worker's event loop still answers, so it was kept: the work goes on there and its result will be discarded.`) +
          listeningHint(),
        timeout!,
        { functionName },
      );
    case 'served-here':
      throw new DeadlockError(
        `${label} cannot finish while this thread blocks: its target in the worker thread connected to ` +
          `${wait.where}, where this thread is listening, and was still waiting a second later; this thread cannot ` +
          `answer until the call returns. Run that server in another thread or process, or await the call ` +
          `(workerDesynced, or the async method) instead of blocking.`,
        { functionName },
      );
    case 'stalled':
      throw new WorkerStartupError(`${label}: the worker thread did not start in time.`, module, exportName, { functionName });
  }
}

/** For a timeout: the servers this thread listens on, which a target could have been waiting for. */
function listeningHint(): string {
  const addresses = listeningAddresses();
  if (addresses.length === 0) return '';
  return (
    ` This thread is listening on ${addresses.map(formatAddress).join(', ')}: if the target called a server on this ` +
    `thread, it could not be answered while this thread blocked.`
  );
}

/** Turns the DataCloneError of a failed send into a WorkerCloneError naming the value that could not cross. */
function cloneError(error: unknown, call: CallRequest, relocation: Relocation, site: CallSite): unknown {
  if ((error as Error)?.name !== 'DataCloneError') return error;
  const candidates: [string, unknown][] = [
    ...call.args.map((value, index): [string, unknown] => [`argument ${index}`, value]),
    ...(relocation.instance?.constructorArgs ?? []).map((value, index): [string, unknown] => [
      `constructor argument ${index} of ${relocation.exportName ?? 'default'}`,
      value,
    ]),
    ...call.contexts.map((context, index): [string, unknown] => [`worker context "${contexts[index]?.name ?? index}"`, context.value]),
  ];
  const [where, outer] = candidates.find(([, candidate]) => !isCloneable(candidate)) ?? ['a value', undefined];
  const path = uncloneablePath(outer);
  const what = path ? `${where}, ${path}` : where;
  const value = path ? valueAt(outer, path) : outer;
  const hint = what.startsWith('constructor')
    ? 'A relocatable class is rebuilt in the worker from its constructor arguments, so they must be structured-cloneable; ' +
      'the class option twinArgs can give the twin cloneable ones instead (leave out a custom fetch or agent).'
    : 'Only structured-cloneable values (no functions, class instances keep only their own data) cross to a worker thread.';
  const label = labelFor(site, undefined);
  return new WorkerCloneError(`${labelOf(label)}: ${what} (${describe(value)}) cannot be cloned to the worker thread. ${hint}`, what, {
    cause: error,
    functionName: label.functionName,
  });
}
