/**
 * The worker thread's side: imports targets by URL, builds twin instances, runs calls (inside the carried
 * contexts), and answers each on its MessagePort, then bumps the shared counter so a blocked caller wakes.
 *
 * While calls are pending, the port is unref'd: if the event loop then empties ('beforeExit'), nothing can settle
 * them, and they get a deadlock reply instead of hanging the caller.
 */
import { readlinkSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { dataFields, describe, describeSafely } from './clone.js';
import { encodeReason } from './codec.js';
import { REPLIES, READY, THREAD, type CallRequest, type ContextSpec, type Outcome, type Output, type Request, type Place, type TargetSpec } from './protocol.js';
import { SpinBudget } from './spin.js';
import { reportConnections } from './loopback.js';

interface WorkerData {
  state: Int32Array;
  port: MessagePort;
  /** How long to look for the next request after a reply before going back to the event loop. */
  spinMicroseconds: number;
  /** Tell the blocked caller about TCP connections, so it can see a target calling a server on its own thread. */
  watchConnections: boolean;
}

const { state, port, spinMicroseconds, watchConnections } = workerData as WorkerData;
const spin = new SpinBudget(spinMicroseconds);

const modules = new Map<string, Promise<Record<string, unknown>>>();
const twins = new Map<number, Promise<object>>();
const pending = new Set<number>();
let output: Output[] = [];
let crash: { error: unknown } | undefined;

function post(message: unknown): void {
  port.postMessage(message);
  Atomics.add(state, REPLIES, 1);
  Atomics.notify(state, REPLIES);
}

// Console output written while a call is pending travels with its reply, so the caller prints it, in order,
// before the call returns. Output at other times takes Node's usual (asynchronous) route.
for (const [fd, stream] of [[1, process.stdout], [2, process.stderr]] as const) {
  const write = stream.write;
  stream.write = function (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean {
    if (pending.size === 0) return Reflect.apply(write, stream, [chunk, encoding, callback]) as boolean;
    output.push([fd, typeof chunk === 'string' ? chunk : new Uint8Array(chunk)]);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => done(null));
    return true;
  } as typeof stream.write;
}

function finish(id: number, outcome: Outcome): void {
  if (!pending.delete(id)) return; // already answered (deadlock reply, then settled by a later call after all)
  if (pending.size === 0) port.ref();
  const reply = { id, outcome, output };
  output = [];
  try {
    post(reply);
  } catch (error) {
    const what = outcome.kind === 'value' ? 'the result' : 'the rejection reason';
    const value = outcome.kind === 'value' ? outcome.value : undefined;
    post({ id, outcome: { kind: 'clone', what, message: `${what} (${describe(value)}) cannot be cloned back to the calling thread: ${(error as Error).message}` }, output: reply.output });
  }
}

/** `instanceof` would run a hostile Proxy's getPrototypeOf trap, in the one place a throw ends the worker. */
const isStartupFailure = (reason: unknown): reason is StartupFailure => {
  try {
    return reason instanceof StartupFailure;
  } catch {
    return false;
  }
};

class StartupFailure {
  constructor(
    readonly message: string,
    readonly cause: unknown,
  ) {}
}

function load(url: string): Promise<Record<string, unknown>> {
  let loading = modules.get(url);
  if (!loading) {
    loading = import(url) as Promise<Record<string, unknown>>;
    modules.set(url, loading);
    loading.catch(() => modules.delete(url)); // a fixed file can be loaded by a later call
  }
  return loading;
}

async function exportOf(module: string, exportName: string, what: string): Promise<unknown> {
  let namespace: Record<string, unknown>;
  try {
    namespace = await load(module);
  } catch (error) {
    throw new StartupFailure(`the worker could not load ${module}: ${(error as Error)?.message ?? error}`, error);
  }
  if (!(exportName in namespace)) {
    const names = Object.keys(namespace).join(', ') || 'none';
    const error = new Error(`${module} has no export "${exportName}" (its exports: ${names})`);
    throw new StartupFailure(error.message, error);
  }
  const value = namespace[exportName];
  if (typeof value !== 'function') {
    const error = new TypeError(`export "${exportName}" of ${module} is ${describe(value)}, not ${what}`);
    throw new StartupFailure(error.message, error);
  }
  return value;
}

/** Module and export of each target key the caller has sent. */
const places = new Map<number, Place>();

async function resolve(target: TargetSpec): Promise<{ fn: Function; thisArg: unknown; twin?: object }> {
  const { module, exportName } = places.get(target.key)!;
  const { instance } = target;
  if (!instance) return { fn: (await exportOf(module, exportName, 'a function')) as Function, thisArg: undefined };
  let building = twins.get(instance.twin);
  if (!building) {
    // Kept as a promise, so that two calls arriving together build one twin, not two.
    building = buildTwin(module, exportName, instance.constructorArgs ?? []);
    twins.set(instance.twin, building);
    building.catch(() => twins.delete(instance.twin));
  }
  const twin = await building;
  const receiver = reach(twin, instance.path);
  const method = (receiver as Record<string, unknown> | undefined)?.[instance.method];
  if (typeof method !== 'function') {
    const where = instance.path?.length ? `the twin's .${instance.path.join('.')}.${instance.method}` : `${exportName}.prototype.${instance.method}`;
    const error = new TypeError(`${where} is ${describe(method)}, not a method`);
    throw new StartupFailure(error.message, error);
  }
  return { fn: method, thisArg: receiver, twin };
}

/** The object at `path` from `twin` (a sub-resource of the twin client), or `undefined` when the path breaks. */
function reach(twin: object | undefined, path: readonly string[] | undefined): unknown {
  let at: unknown = twin;
  for (const key of path ?? []) at = at === null || typeof at !== 'object' ? undefined : (at as Record<string, unknown>)[key];
  return at;
}

async function buildTwin(module: string, exportName: string, constructorArgs: unknown[]): Promise<object> {
  const Class = (await exportOf(module, exportName, 'a class')) as new (...args: unknown[]) => object;
  return Reflect.construct(Class, constructorArgs);
}

async function enterContexts(contexts: ContextSpec[], run: () => unknown): Promise<unknown> {
  let body = run;
  for (const context of [...contexts].reverse()) {
    const enter = (await exportOf(context.module, context.exportName, 'a context entry function')) as (value: unknown, run: () => unknown) => unknown;
    const inner = body;
    body = () => enter(context.value, inner);
  }
  return body();
}

/** Targets already resolved, by module and export, so later calls start without waiting a turn. */
const resolvedFunctions = new Map<number, Function>();
const resolvedTwins = new Map<number, object>();

function resolvedNow({ key, instance }: TargetSpec): { fn: Function; thisArg: unknown } | undefined {
  if (!instance) {
    const fn = resolvedFunctions.get(key);
    return fn && { fn, thisArg: undefined };
  }
  const receiver = reach(resolvedTwins.get(instance.twin), instance.path);
  const method = (receiver as Record<string, unknown> | undefined)?.[instance.method];
  return typeof method === 'function' ? { fn: method, thisArg: receiver } : undefined;
}

async function resolveAndRemember(target: TargetSpec): Promise<{ fn: Function; thisArg: unknown }> {
  const resolved = await resolve(target);
  if (target.instance) resolvedTwins.set(target.instance.twin, resolved.twin!);
  else resolvedFunctions.set(target.key, resolved.fn);
  return resolved;
}

function run({ target, args, contexts }: CallRequest): PromiseLike<unknown> {
  if (target.iterator) return stepIterator(target.iterator, args);
  if (target.place) places.set(target.key, target.place);
  const resolved = resolvedNow(target);
  if (!resolved || contexts.length > 0) {
    return (resolved ? Promise.resolve(resolved) : resolveAndRemember(target)).then(({ fn, thisArg }) => {
      takeFields(target);
      return enterContexts(contexts, () => keepIterable(Reflect.apply(fn, thisArg, args)));
    });
  }
  takeFields(target);
  try {
    const result = keepIterable(Reflect.apply(resolved.fn, resolved.thisArg, args) as unknown);
    return isThenable(result) ? result : Promise.resolve(result);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The caller instance's data fields, as they are at the call, onto its twin (the client, for a resource's call). */
function takeFields({ instance }: TargetSpec): void {
  const twin = instance?.fields && resolvedTwins.get(instance.twin);
  if (twin) Object.assign(twin, instance.fields);
}

/** The twin's data fields after the call, for the caller instance (only for calls that sent theirs). */
function fieldsAfter({ target }: CallRequest): { fields?: Record<string, unknown> } {
  const twin = target.instance?.fields && resolvedTwins.get(target.instance.twin);
  return twin ? { fields: dataFields(twin) } : {};
}

/** Async iterators that calls returned (an async generator, a stream), kept here; the caller steps them by number. */
const iterators = new Map<number, AsyncIterator<unknown>>();
let nextIterator = 1;

/** What a call that returned an async iterable replies: the number its iterator is kept under. */
class KeptIterator {
  constructor(readonly id: number) {}
}

/** A result that is an async iterable and not a promise cannot cross: its iterator stays here. */
function keepIterable(result: unknown): unknown {
  if (isThenable(result) || typeof (result as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] !== 'function') return result;
  const id = nextIterator++;
  iterators.set(id, (result as AsyncIterable<unknown>)[Symbol.asyncIterator]());
  return new KeptIterator(id);
}

/** One `next` / `return` / `throw` on a kept iterator; it is dropped once done, returned or failed. */
function stepIterator({ id, op }: NonNullable<TargetSpec['iterator']>, args: unknown[]): Promise<unknown> {
  const iterator = iterators.get(id);
  if (!iterator) {
    const error = new Error(
      'asynchro: the iterator is gone from the worker thread: the worker was restarted (after a timeout or a crash) ' +
        'since the call that returned it. Call the method again for a new iterator.',
    );
    return Promise.reject(error);
  }
  const step = iterator[op] as ((...args: unknown[]) => PromiseLike<IteratorResult<unknown>>) | undefined;
  if (typeof step !== 'function') {
    iterators.delete(id);
    return op === 'throw' ? Promise.reject(args[0]) : Promise.resolve({ done: true, value: args[0] });
  }
  return Promise.resolve()
    .then(() => Reflect.apply(step, iterator, args))
    .then(
      (result) => {
        if (result.done || op !== 'next') iterators.delete(id);
        return { done: Boolean(result.done), value: result.value };
      },
      (error: unknown) => {
        iterators.delete(id);
        throw error;
      },
    );
}

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';

function start(request: CallRequest): void {
  if (pending.size === 0) port.unref();
  pending.add(request.id);
  run(request).then(
    (value) => {
      const fields = fieldsAfter(request);
      finish(request.id, value instanceof KeptIterator ? { kind: 'iterator', iterator: value.id, ...fields } : { kind: 'value', value, ...fields });
      lookForNextRequest();
    },
    (reason: unknown) => {
      if (isStartupFailure(reason)) {
        finish(request.id, { kind: 'startup', message: reason.message, cause: encodeReason(reason.cause)! });
        return;
      }
      const encoded = encodeReason(reason);
      const twinBuilt = request.target.instance !== undefined && twins.has(request.target.instance.twin);
      if (encoded) finish(request.id, { kind: 'rejected', reason: encoded, twinBuilt, ...fieldsAfter(request) });
      else finish(request.id, { kind: 'clone', what: 'the rejection reason', message: `the rejection reason (${describeSafely(reason)}) cannot be cloned back to the calling thread` });
      lookForNextRequest();
    },
  );
}

function receive(request: Request): void {
  if ('ping' in request) {
    post({ id: request.ping, outcome: { kind: 'value', value: true }, output: [] });
    return;
  }
  if ('release' in request) {
    twins.delete(request.release);
    resolvedTwins.delete(request.release);
  } else start(request);
}

/**
 * A caller making calls back to back sends its next request within microseconds of a reply. Picking it up here,
 * instead of through the event loop, saves a thread wake-up per call. Bounded: after a short look, or a few
 * milliseconds of calls handled this way, the event loop gets its turn.
 */
let chainStarted = 0;
function lookForNextRequest(): void {
  const spinMs = spin.next();
  if (spinMs <= 0) return;
  const now = performance.now();
  if (now - chainStarted > 2) return;
  const until = now + spinMs;
  do {
    const next = receiveMessageOnPort(port);
    if (next) {
      spin.record(true);
      return receive(next.message as Request);
    }
  } while (performance.now() < until);
  spin.record(false);
}

port.on('message', (request: Request) => {
  chainStarted = performance.now();
  receive(request);
});

process.on('beforeExit', () => {
  for (const id of [...pending]) finish(id, { kind: 'deadlock' });
});

process.on('uncaughtException', (error) => {
  crash = { error };
  process.exit(1);
});

process.on('exit', (code) => {
  pending.clear();
  post({ id: 0, outcome: { kind: 'exit', code, ...(crash && { cause: encodeReason(crash.error) }) }, output });
});

/** This thread's OS id, from Linux's /proc/thread-self (`<pid>/task/<tid>`); 0 where that does not exist. */
function osThreadId(): number {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop()) || 0;
  } catch {
    return 0;
  }
}

if (watchConnections) reportConnections(post);
Atomics.store(state, THREAD, osThreadId());
post(READY);
