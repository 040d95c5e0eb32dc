/**
 * The worker thread's side, started by runner.ts: takes requests, runs each call with a signal (call-signal.ts) the
 * caller's abort aborts, and replies in the frame or on the port with the call's output.
 */
import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';
import * as ownErrors from '../../../errors.js';
import { abortWork, startWork, workSignal, type SignalSource } from '../../call-signal.js';
import { withSignal } from '../../request-options.js';
import { describe, describeSafely } from '../wire/clone.js';
import { decodeReason, encodeReason } from '../wire/codec.js';
import { reportConnections } from './connections.js';
import { expandRequest } from '../wire/compact.js';
import { Frames } from '../wire/frames.js';
import {
  POKE,
  REPLIES,
  READY,
  THREAD,
  type CallRequest,
  type CompactReply,
  type ConnectionNotice,
  type PostedRequest,
  type Outcome,
  type Output,
  type Reply,
  type WorkerData,
} from '../wire/protocol.js';
import { KeptIterator, isThenable, keepIterable, stepIterator } from './iterators.js';
import {
  enterContexts,
  fieldsAfter,
  hasTwin,
  isStartupFailure,
  learnPlace,
  originOf,
  releaseTwin,
  resolveAndRemember,
  resolvedNow,
  takeFields,
} from './targets.js';
import { PendingCalls } from './pending.js';
import { BetweenRequests } from './between-requests.js';
import { SpinBudget } from '../wire/spin-budget.js';
import { transferablesIn } from '../wire/transfer.js';
import { markWorkerRunnerThread } from '../../worker-runner-mark.js';

markWorkerRunnerThread();
const { state, frames: sharedFrames, port, spinMicroseconds, forBlockingCalls } = workerData as WorkerData;
const frames = sharedFrames && new Frames(state, sharedFrames);
const between = new BetweenRequests(state, port, frames, new SpinBudget(spinMicroseconds));

const pending = new PendingCalls(port);
/** The signals of the pending calls, by call id. */
const signals = new Map<number, SignalSource>();
let output: Output[] = [];
let crash: { error: unknown } | undefined;

/** Every reply is made here: the call's id (0: every pending call), its outcome, and the output that goes with it. */
function reply(id: number, outcome: Outcome, output: Output[] = [], transferList: ArrayBuffer[] = []): void {
  const plain = outcome.kind === 'value' && !outcome.fields && output.length === 0;
  if (plain && transferList.length === 0 && frames?.sendReply(id, outcome.value)) {
    Atomics.add(state, REPLIES, 1);
    Atomics.notify(state, REPLIES);
    return;
  }
  // A plain value that did not take the frame (moved buffers, too large, a pool worker) goes compact (wire/compact.ts).
  if (plain) return post([id, outcome.value], transferList);
  post(output.length > 0 ? { id, outcome, output } : ({ id, outcome } satisfies Reply), transferList);
}

/** Sends a message to the caller, then bumps the shared counter so that a blocked caller wakes. */
function post(message: Reply | CompactReply | typeof READY | ConnectionNotice, transferList: ArrayBuffer[] = []): void {
  port.postMessage(message, transferList);
  Atomics.add(state, REPLIES, 1);
  Atomics.notify(state, REPLIES);
}

// Output written while a call is pending travels with its reply, so the caller prints it, in order, before it returns.
for (const [fd, stream] of [
  [1, process.stdout],
  [2, process.stderr],
] as const) {
  const write = stream.write;
  stream.write = function (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean {
    // Not a string nor bytes: Node's own write throws its TypeError (a number is not written as zero bytes).
    if (pending.size === 0 || (typeof chunk !== 'string' && !ArrayBuffer.isView(chunk)))
      return Reflect.apply(write, stream, [chunk, encoding, callback]) as boolean;
    output.push([fd, captured(chunk, encoding)]);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => done(null));
    return true;
  } as typeof stream.write;
}

/** What a write of `chunk` puts out, as the caller's stream will write it: a string in its encoding, bytes copied. */
function captured(chunk: string | ArrayBufferView, encoding: unknown): string | Uint8Array {
  if (typeof chunk !== 'string') return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice();
  if (typeof encoding !== 'string' || /^utf-?8$/i.test(encoding)) return chunk;
  return new Uint8Array(Buffer.from(chunk, encoding as BufferEncoding)); // Node's own error for an unknown encoding
}

/** `moveBack`: the call asked for `transfer`, so the ArrayBuffers under a value go back without a copy. */
function finish(id: number, outcome: Outcome, moveBack = false): void {
  if (!pending.delete(id)) return; // already answered (deadlock reply, then settled by a later call after all)
  if (outcome.kind !== 'deadlock') signals.delete(id); // the caller answers a deadlock with an abort
  const written = output;
  output = [];
  try {
    reply(id, outcome, written, moveBack && outcome.kind === 'value' ? transferablesIn([outcome.value]) : []);
  } catch (error) {
    const what = outcome.kind === 'value' ? 'the result' : 'the rejection reason';
    const value = outcome.kind === 'value' ? outcome.value : undefined;
    const message = `${what} (${describe(value)}) cannot be cloned back to the calling thread: ${(error as Error).message}`;
    reply(id, { kind: 'clone', what, message }, written);
  }
}

/** Runs `request`'s work (started by `start` with its signal in the slot, call-signal.ts). */
function run(request: CallRequest): PromiseLike<unknown> {
  const { target, args: given, contexts } = request;
  if (target.iterator) return stepIterator(target.iterator, given);
  learnPlace(target);
  const resolved = resolvedNow(target);
  if (!resolved || (contexts !== undefined && contexts.length > 0)) {
    // The target is called after an await (its module loads, its contexts are entered): its start enters the slot.
    return (resolved ? Promise.resolve(resolved) : resolveAndRemember(target)).then((now) => {
      takeFields(target);
      const source = signals.get(request.id) ?? { controller: undefined }; // aborted before its module loaded: gone
      return startWork(source, () => enterContexts(contexts ?? [], () => callTarget(now, request)), undefined, false);
    });
  }
  takeFields(target);
  try {
    const result = callTarget(resolved, request);
    return isThenable(result) ? result : Promise.resolve(result);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Calls the target, with the call's signal in its request options where the twin's method takes them. */
function callTarget({ fn, thisArg }: { fn: Function; thisArg: unknown }, { target, args }: CallRequest): unknown {
  const signalAt = target.instance?.signalAt;
  const signal = signalAt === undefined ? undefined : workSignal();
  return keepIterable(Reflect.apply(fn, thisArg, signal ? withSignal(args, signalAt!, signal) : args));
}

function start(request: CallRequest): void {
  pending.add(request.id);
  const source: SignalSource = { controller: undefined };
  signals.set(request.id, source);
  const started = startWork(source, run, request, request.abortable === true);
  started.then(
    (value) => {
      const fields = request.target.instance && fieldsAfter(request); // only a twin has fields
      answer(
        request,
        value instanceof KeptIterator
          ? { kind: 'iterator', iterator: value.id, ...fields }
          : { kind: 'value', value, ...fields },
      );
    },
    (reason: unknown) => {
      if (isStartupFailure(reason)) {
        const failure = { kind: 'startup', message: reason.message, cause: encodeReason(reason.cause)! } as const;
        answer(request, reason.retire ? { ...failure, retire: true } : failure);
        return;
      }
      const encoded = encodeReason(reason, 0, originOf);
      const twinBuilt = request.target.instance !== undefined && hasTwin(request.target.instance.twin);
      if (encoded) answer(request, { kind: 'rejected', reason: encoded, twinBuilt, ...fieldsAfter(request) });
      else
        answer(request, {
          kind: 'clone',
          what: 'the rejection reason',
          message: `the rejection reason (${describeSafely(reason)}) cannot be cloned back to the calling thread`,
        });
    },
  );
}

/** A call settled: its reply, then the next requests that come before the worker goes back to its event loop. */
function answer(request: CallRequest, outcome: Outcome): void {
  // Said before the reply wakes the caller: the worker looks for its next request, so a framed one needs no POKE.
  if (forBlockingCalls && pending.size === 1 && pending.has(request.id)) between.looking();
  finish(request.id, outcome, request.transfer);
  takeNextRequests();
}

function receive(message: PostedRequest | typeof POKE): void {
  const request = Array.isArray(message) ? expandRequest(message) : message;
  if (request === POKE) {
    const framed = frames?.takeRequest(); // unless the worker took it already, while waiting (between-requests.ts)
    if (framed) receive(framed);
    return;
  }
  between.took();
  if ('ping' in request) {
    reply(request.ping, { kind: 'value', value: true });
    return;
  }
  if ('abort' in request) {
    const source = signals.get(request.abort);
    if (!source) return;
    signals.delete(request.abort);
    abortWork(source, decodeReason(request.reason, undefined, asynchroErrorClass));
  } else if ('release' in request) {
    releaseTwin(request.release);
  } else start(request);
}

/**
 * An abort's reason, one of asynchro's errors, as the class the work can test it against: that of the copy of
 * 'asynchro-bridge' already loaded here (loading one would delay the abort), else the runner's own.
 */
function asynchroErrorClass({ className }: { className: string }): Function | undefined {
  const loaded = loadedPackage()?.[className];
  if (typeof loaded === 'function' && loaded.prototype instanceof Error) return loaded;
  return (ownErrors as Record<string, Function | undefined>)[className];
}

let packageEntry: string | null | undefined;
function loadedPackage(): Record<string, unknown> | undefined {
  const require = createRequire(import.meta.url);
  if (packageEntry === undefined) {
    try {
      packageEntry = require.resolve('asynchro-bridge'); // the package's own name resolves inside it
    } catch {
      packageEntry = null; // a runner copied out of the package (a bundle)
    }
  }
  return packageEntry ? (require.cache[packageEntry]?.exports as Record<string, unknown> | undefined) : undefined;
}

/** Takes the requests that come before the worker goes back to its event loop, while no call is pending. */
function takeNextRequests(): void {
  while (forBlockingCalls && pending.size === 0) {
    const request = between.next();
    if (!request) return;
    receive(request);
  }
}

port.on('message', (request: PostedRequest | typeof POKE) => {
  between.fromLoop(request);
  receive(request);
});

process.on('beforeExit', () => {
  for (const id of pending.list()) finish(id, { kind: 'deadlock' });
});

process.on('uncaughtException', (error) => {
  crash = { error };
  process.exit(1);
});

process.on('exit', (code) => {
  pending.clear();
  reply(0, { kind: 'exit', code, ...(crash && { cause: encodeReason(crash.error) }) }, output);
});

/** This thread's OS id, from Linux's /proc/thread-self (`<pid>/task/<tid>`); 0 where that does not exist. */
function osThreadId(): number {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop()) || 0;
  } catch {
    return 0;
  }
}

if (forBlockingCalls) reportConnections(post);
Atomics.store(state, THREAD, osThreadId());
post(READY);
