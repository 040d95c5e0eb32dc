/** The messages between the threads (a call: CallRequest, CompactRequest or a frame) and the shared state's slots. */
import type { MessagePort } from 'node:worker_threads';

/** Slots of the shared Int32Array. */
export const REPLIES = 0; // bumped by the worker after each reply or notice (posted or framed), waking the caller
export const THREAD = 1; // the worker's OS thread id (Linux; 0 elsewhere), so a blocked caller can see it vanish
export const REQUESTS = 2; // bumped by the caller after each request (posted or framed), waking a waiting worker
export const REQUEST_FRAME = 3; // 1 while a request sits in the shared request frame (frames.ts), 0 once taken
export const REPLY_FRAME = 4; // 1 while a reply sits in the shared reply frame, 0 once taken
export const WORKER_WAITING = 5; // 1 while the worker waits in Atomics.wait for a request, 0 while in its event loop
export const POSTED = 6; // bumped by the caller after each request it posts on the port (not framed, not a POKE)
export const STATE_SLOTS = 7;

/** Posted to a worker in its event loop when a request was put in the shared frame instead: look there. */
export const POKE = 'poke';

/** What a worker thread starts with (its `workerData`, beside the bootstrap's own `startup`). */
export interface WorkerData {
  /** The shared state, STATE_SLOTS slots. */
  state: Int32Array;
  /** The shared request and reply frames (frames.ts), for the worker of blocking calls. */
  frames: SharedArrayBuffer | undefined;
  /** The worker's end of the channel; the caller keeps the other. */
  port: MessagePort;
  /** How long to check for the next request before sleeping (the opt-in spin, spin-budget.ts). */
  spinMicroseconds: number;
  /**
   * The blocking calls' worker: reports TCP connections and waits for the next request after a reply. A pool worker's
   * callers do not block, and it takes requests from its event loop, many per wake-up.
   */
  forBlockingCalls: boolean;
}

/** Where a target lives. */
export interface Place {
  /** A URL the worker can `import()`. */
  module: string;
  exportName: string;
}

/** The target as the worker resolves it. */
export interface TargetSpec {
  /** The caller's number for this module and export; `place` travels only until the worker has seen it. */
  key: number;
  place?: Place;
  /**
   * For a class target: the twin to call (or the object at `path` from it), and its constructor arguments when the
   * worker has not built it yet.
   */
  instance?: {
    twin: number;
    constructorArgs?: unknown[];
    method: string;
    path?: readonly string[];
    fields?: Record<string, unknown>;
    /** Where the method takes its request options: an abortable call's signal goes there. */
    signalAt?: number;
  };
  /** A step of an async iterator the worker keeps (`place` and `instance` are then unused). */
  iterator?: { id: number; op: 'next' | 'return' | 'throw' };
}

/** A context value to re-enter in the worker: `enter(value, run)` exported by `module`. */
export interface ContextSpec {
  module: string;
  exportName: string;
  value: unknown;
}

export interface CallRequest {
  id: number;
  target: TargetSpec;
  args: unknown[];
  /** Absent when no context carrier is registered: every object in a message costs its clone, both ways. */
  contexts?: ContextSpec[];
  /** The `transfer` option: the ArrayBuffers under the result move back instead of being copied. */
  transfer?: true;
  /** The caller can abort the call (a `timeout`, a `signal`): its work carries its signal across awaits (call-signal.ts). */
  abortable?: true;
}

/** A CallRequest as one flat array (compact.ts): a call with `transfer` to a target the worker knows. */
export type CompactRequest = [id: number, key: number, ...args: unknown[]];
/** A Reply with a plain value as one flat array (compact.ts). */
export type CompactReply = [id: number, value: unknown];
/** What the caller posts on the port. */
export type PostedRequest = Request | CompactRequest;

/** The worker may drop a twin whose caller-side instance is gone. */
export interface ReleaseRequest {
  release: number;
}

/** Answered at once with a `value` reply of that id: is the worker's event loop free? */
export interface PingRequest {
  ping: number;
}

/**
 * The caller gave up on call `abort` (its timeout ran out, its target waits on this thread): the call's signal aborts
 * in the worker with `reason`, the error the caller got.
 */
export interface AbortRequest {
  abort: number;
  reason: Encoded;
}

export type Request = CallRequest | ReleaseRequest | PingRequest | AbortRequest;

/** Console output written in the worker during calls: `[fd, chunk]`, replayed in order by the caller. */
export type Output = [1 | 2, string | Uint8Array];

export type Outcome =
  | { kind: 'value'; value: unknown; fields?: Record<string, unknown> }
  /** The call returned an async iterable (not a promise): the worker keeps its iterator under this number. */
  | { kind: 'iterator'; iterator: number; fields?: Record<string, unknown> }
  | { kind: 'rejected'; reason: Encoded; twinBuilt?: boolean; fields?: Record<string, unknown> }
  | {
      kind: 'startup';
      message: string;
      cause?: Encoded /** when it is not the target's: a preload or the runner */;
      module?: string;
      /** Set (on the calling thread only) when no worker could start because asynchro runs this many already. */
      limit?: number;
      /** The module failed to load, and this worker keeps that failure (Node never reruns it): use a fresh one. */
      retire?: true;
    }
  | { kind: 'clone'; what: string; message: string }
  | { kind: 'deadlock' }
  | { kind: 'exit'; code: number; cause?: Encoded };

/** `id` 0 concerns every pending call (the worker is exiting). */
export interface Reply {
  id: number;
  outcome: Outcome;
  /** Absent when the call wrote nothing. */
  output?: Output[];
}

export const READY = 'ready';

/** From the worker: a TCP connection it opened (`to`), or closed (no `to`). */
export interface ConnectionNotice {
  connection: number;
  to?: { address: string; port: number };
}

export const isConnectionNotice = (message: unknown): message is ConnectionNotice =>
  typeof message === 'object' && message !== null && 'connection' in message;

/** A rejection reason in transit. */
export type Encoded =
  | { kind: 'value'; value: unknown }
  | {
      kind: 'error';
      className: string;
      name: string;
      message: string;
      stack: string | undefined;
      props: Record<string, unknown>;
      cause?: Encoded;
      /** Where the worker found its class: see `ErrorOrigin`. */
      origin?: ErrorOrigin;
    };

/**
 * Where an error's class is defined: a module the worker imported, and the path from its exports (`['ApiError']`,
 * `['Client', 'APIError']`); not `exact` when it is the nearest exported ancestor.
 */
export interface ErrorOrigin {
  module: string;
  path: string[];
  exact: boolean;
}
