/**
 * One worker, on the calling thread: sends requests, takes replies by blocking or by promise. One class: the wait,
 * promise calls, liveness and dispatch all advance the same state.
 */
import { perf, workerThreads } from '../../lazy-builtins.js';
import type { MessagePort, Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { compactRequest, expandReply } from '../wire/compact.js';
import { Frames } from '../wire/frames.js';
import {
  POKE,
  POSTED,
  REPLIES,
  READY,
  REQUESTS,
  STATE_SLOTS,
  THREAD,
  WORKER_WAITING,
  type CallRequest,
  isConnectionNotice,
  type CompactReply,
  type ConnectionNotice,
  type Encoded,
  type Outcome,
  type Output,
  type Reply,
  type Request,
} from '../wire/protocol.js';
import { SpinBudget } from '../wire/spin-budget.js';
import { servedHere } from './loopback.js';
import { startWorker } from './startup.js';
import {
  SERVED_HERE_GRACE_MS,
  WORKER_LIVENESS_CHECK_MS,
  WORKER_SPIN_US,
  WORKER_STARTUP_TIMEOUT_MS,
} from '../../../config.js';

/** A thread that ends before the runner said it is ready failed in Node's own start-up, before the bootstrap. */
const STARTED_AND_VANISHED: Outcome = {
  kind: 'startup',
  message:
    "the worker thread could not start: it ended before asynchro's bootstrap ran, so a --require preload or --loader " +
    "hook (process.execArgv, NODE_OPTIONS) failed in it; Node reports that error as the Worker's 'error' event, " +
    'which this thread cannot receive while it is blocked. Check that those load in a worker thread.',
};

export type Wait =
  | { kind: 'timeout'; workerStopped?: boolean }
  | { kind: 'stalled' }
  | { kind: 'vanished' }
  | { kind: 'served-here'; where: string }
  | Outcome;

interface AsyncCall {
  settle: (outcome: Outcome, output: Output[]) => void;
}

let nextId = 1;

/** What the worker posts: a reply (maybe compact, wire/compact.ts), READY, or a connection notice. */
type Posted = Reply | CompactReply | typeof READY | ConnectionNotice;
const fromPort = (message: Posted): Reply | typeof READY | ConnectionNotice =>
  Array.isArray(message) ? expandReply(message) : message;

export class WorkerHost {
  readonly state = new Int32Array(new SharedArrayBuffer(STATE_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private ready = false;
  /** When the worker said it is ready: a call's timeout runs from then, start-up is not charged to it. */
  private readyAt = 0;
  private readonly startedAt = perf().now();
  /** Twin ids built in this worker. */
  readonly twins = new Set<number>();
  /** Target keys whose place this worker has been sent. */
  readonly places = new Set<number>();
  private readonly asyncCalls = new Map<number, AsyncCall>();
  private readonly spin: SpinBudget;
  /** The shared request and reply frames of a blocking worker (wire/frames.ts); a pool worker posts everything. */
  private readonly frames: Frames | undefined;
  /** Messages taken from the port so far. The worker bumps REPLIES once per message, so `REPLIES > consumed`
   * says, without a look at the port, that something is waiting there. */
  private consumed = 0;
  /** During a blocking call: a connection the target opened to a server on this thread, and when. */
  private servedHere: { connection: number; where: string; since: number } | undefined;
  private blocking = false;
  /** Set once the worker has exited or been abandoned: the next call needs a new host. */
  exit: { code: number; cause?: unknown } | undefined;
  /** Takes no more calls, and stops once its pending promise calls are answered (see `retire`). */
  private retiring = false;

  /** `forBlockingCalls`: the worker of blocking calls, or one of the pool (wire/protocol.ts `WorkerData`). */
  constructor(spinMicroseconds = WORKER_SPIN_US, forBlockingCalls = true) {
    this.spin = new SpinBudget(spinMicroseconds);
    this.frames = forBlockingCalls ? new Frames(this.state) : undefined;
    const { port1, port2 } = new (workerThreads().MessageChannel)();
    this.port = port1;
    const data = { state: this.state, frames: this.frames?.shared, spinMicroseconds, forBlockingCalls };
    this.worker = startWorker(data, port2); // throws StartFailure at once
    this.worker.unref();
    this.worker.on('error', () => {}); // reported through 'exit' and the exit reply
    this.worker.on('exit', (code) => this.onExit(code));
    this.port.on('message', (message: Posted) => {
      this.consumed++;
      this.dispatch(fromPort(message));
    });
    this.port.unref();
  }

  get alive(): boolean {
    if (!this.exit) this.drain(0); // an exit notice may be waiting
    return !this.exit && !this.retiring;
  }

  /** No more calls for this worker (a module it cannot load again): it stops once its pending calls are answered. */
  retire(): void {
    this.retiring = true;
    if (this.asyncCalls.size === 0) void this.terminate();
  }

  /** Number of calls this host is running for promise callers. */
  get load(): number {
    return this.asyncCalls.size;
  }

  /** `transferList`: ArrayBuffers that move to the worker with the request (detached here). */
  send(request: Request, transferList: readonly ArrayBuffer[] = []): void {
    const framed = transferList.length === 0 && this.frames?.sendRequest(request) === true;
    if (!framed) {
      this.port.postMessage(compactRequest(request) ?? request, transferList);
      Atomics.add(this.state, POSTED, 1); // a waiting worker looks at the port only when this moved
    }
    Atomics.add(this.state, REQUESTS, 1); // wakes a worker waiting for its next request (thread/between-requests.ts)
    Atomics.notify(this.state, REQUESTS);
    // A worker in its event loop sees only the port. Framed first, then this check; the worker stops waiting first,
    // then checks the frame: one of the two sees the other (sequentially consistent atomics), so no request is lost.
    if (framed && Atomics.load(this.state, WORKER_WAITING) === 0) this.port.postMessage(POKE);
  }

  /** Blocks until the reply to `request` arrives, the worker exits, or `timeout` ms pass. Never busy-waits long. */
  callBlocking(
    request: CallRequest,
    timeout: number | undefined,
    replay: (output: Output[]) => void,
    transferList?: readonly ArrayBuffer[],
  ): Wait {
    this.servedHere = undefined;
    this.blocking = true;
    try {
      this.send(request, transferList);
      return this.waitFor(request, timeout, replay);
    } finally {
      this.blocking = false;
    }
  }

  private waitFor(request: CallRequest, timeout: number | undefined, replay: (output: Output[]) => void): Wait {
    // The clock is read only when something is timed: a reading costs as much as the rest of this loop.
    const spinMs = this.spin.next();
    const sentAt = timeout !== undefined || !this.ready || spinMs > 0 ? perf().now() : 0;
    // The timeout runs from when the worker is ready: its start-up is bounded on its own (WORKER_STARTUP_TIMEOUT_MS).
    let deadline = timeout === undefined ? Infinity : Number.NaN; // NaN until the worker is ready
    let spinUntil = spinMs > 0 ? sentAt + spinMs : 0;
    for (;;) {
      const seen = Atomics.load(this.state, REPLIES);
      // Nothing counted since the last look: neither the frame nor the port holds a reply yet.
      if (seen !== this.consumed) {
        const outcome = this.takeFramedReply(request.id) ?? this.drain(request.id, replay);
        if (outcome) return outcome;
      }
      if (this.exit) return { kind: 'exit', code: this.exit.code };
      // After the look: the drain may have taken the worker's READY, which starts the timeout's clock.
      if (Number.isNaN(deadline) && this.ready) deadline = Math.max(sentAt, this.readyAt) + timeout!;
      const limit = Number.isNaN(deadline) ? Infinity : deadline;
      if (spinUntil) {
        // A fast reply comes sooner than this thread could be woken for it.
        const spinEnd = Math.min(spinUntil, limit);
        while (Atomics.load(this.state, REPLIES) === seen && perf().now() < spinEnd);
        spinUntil = 0;
        const found = Atomics.load(this.state, REPLIES) !== seen;
        this.spin.record(found);
        if (found) continue;
      }
      const startupLimit = this.ready ? Infinity : this.startedAt + WORKER_STARTUP_TIMEOUT_MS;
      const servedHereLimit = this.servedHere ? this.servedHere.since + SERVED_HERE_GRACE_MS : Infinity;
      const until = Math.min(limit, startupLimit, servedHereLimit);
      let slice = WORKER_LIVENESS_CHECK_MS;
      if (until !== Infinity) {
        const now = perf().now();
        if (now >= limit) return { kind: 'timeout' };
        if (now >= servedHereLimit) return { kind: 'served-here', where: this.servedHere!.where };
        if (now >= until) return { kind: 'stalled' };
        slice = Math.min(until - now, WORKER_LIVENESS_CHECK_MS);
      }
      // Sleep in slices: a worker thread that dies without a word (out of memory) sends no reply and no exit notice.
      if (Atomics.wait(this.state, REPLIES, seen, slice) === 'timed-out' && this.threadVanished()) {
        this.abandon();
        return this.ready ? { kind: 'vanished' } : STARTED_AND_VANISHED;
      }
    }
  }

  /**
   * The caller gave up on call `id`: its signal aborts in the worker with `reason`. Posted, so it wakes the worker's
   * event loop at once, and arrives after the call's request.
   */
  abortCall(id: number, reason: Encoded): void {
    if (!this.exit) this.send({ abort: id, reason });
  }

  /** Whether the worker's event loop answers a ping within `ms` (after a timeout: waiting, or stuck?). */
  respondsWithin(ms: number): boolean {
    if (this.exit) return false;
    const id = newCallId();
    this.send({ ping: id });
    const until = perf().now() + ms;
    for (;;) {
      const seen = Atomics.load(this.state, REPLIES);
      if (this.drain(id)) return true;
      if (this.exit) return false;
      const now = perf().now();
      if (now >= until) return false;
      Atomics.wait(this.state, REPLIES, seen, until - now);
    }
  }

  /** Twins this worker had built: what an abandon costs other callers. */
  get twinCount(): number {
    return this.twins.size;
  }

  /** The worker's OS thread is gone although it never said so (Linux: /proc/self/task lists live threads). */
  private threadVanished(): boolean {
    const thread = Atomics.load(this.state, THREAD);
    return thread > 0 && !existsSync(`/proc/self/task/${thread}`);
  }

  callAsync(
    request: CallRequest,
    transferList?: readonly ArrayBuffer[],
  ): Promise<{ outcome: Outcome; output: Output[] }> {
    return new Promise((resolve) => {
      if (this.asyncCalls.size === 0) {
        this.worker.ref();
        this.port.ref();
      }
      this.asyncCalls.set(request.id, { settle: (outcome, output) => resolve({ outcome, output }) });
      try {
        this.send(request, transferList);
      } catch (error) {
        this.forget(request.id);
        throw error;
      }
    });
  }

  /** Stops the worker (after a timeout it may be stuck in a loop); pending promise calls get `exit`. */
  abandon(): void {
    if (this.exit) return;
    this.exit = { code: 1 };
    void this.worker.terminate();
    this.settleAllAsync({ kind: 'exit', code: 1 }, []);
  }

  /** Stops the worker for good. */
  async terminate(): Promise<void> {
    this.abandon();
    await this.worker.terminate();
  }

  /** The reply in the shared frame, if it is `waitingFor`'s; an older one (a call that timed out) is dropped. */
  private takeFramedReply(waitingFor: number): Outcome | undefined {
    const reply = this.frames?.takeReply();
    if (!reply) return undefined;
    this.consumed++;
    return reply.id === waitingFor ? { kind: 'value', value: reply.value } : undefined;
  }

  /**
   * Takes the replies posted so far, up to the one for `waitingFor`, whose outcome it returns (with its output
   * replayed); the others go to their promise callers, or are stale (a call that timed out) and dropped.
   */
  private drain(waitingFor: number, replay?: (output: Output[]) => void): Outcome | undefined {
    while (this.consumed < Atomics.load(this.state, REPLIES)) {
      let next: { message: unknown } | undefined;
      try {
        next = workerThreads().receiveMessageOnPort(this.port);
      } catch (error) {
        // Too deep to rebuild here: a reply (only replies carry values), the awaited one (they come in order).
        this.consumed++;
        if (waitingFor === 0) continue;
        return {
          kind: 'clone',
          what: 'the result',
          message: `the result cannot be received on the calling thread: ${(error as Error)?.message}. Return a flatter value.`,
        };
      }
      if (!next) return undefined;
      this.consumed++;
      const message = fromPort(next.message as Posted);
      if (
        message !== READY &&
        !isConnectionNotice(message) &&
        (message.id === waitingFor || (message.id === 0 && waitingFor !== 0))
      ) {
        if (message.output) replay?.(message.output);
        this.dispatch(message, true);
        return message.outcome;
      }
      this.dispatch(message);
    }
    return undefined;
  }

  private dispatch(message: Reply | typeof READY | ConnectionNotice, alreadyReplayed = false): void {
    if (message === READY) {
      this.ready = true;
      this.readyAt = perf().now();
      return;
    }
    if (isConnectionNotice(message)) return this.noteConnection(message);
    if (message.outcome.kind === 'startup' && message.id === 0) {
      this.settleAllAsync(message.outcome, []);
      this.abandon(); // the bootstrap failed: nothing in this worker can run a call
      return;
    }
    if (message.outcome.kind === 'exit') {
      this.exit ??= { code: message.outcome.code, cause: message.outcome.cause };
      this.settleAllAsync(message.outcome, message.output ?? []);
      return;
    }
    const call = this.asyncCalls.get(message.id);
    if (!call) return;
    this.forget(message.id);
    call.settle(message.outcome, alreadyReplayed ? [] : (message.output ?? []));
  }

  private noteConnection({ connection, to }: ConnectionNotice): void {
    if (!to) {
      if (this.servedHere?.connection === connection) this.servedHere = undefined;
      return;
    }
    const where = this.blocking && !this.servedHere ? servedHere(to) : undefined;
    if (where) this.servedHere = { connection, where, since: perf().now() };
  }

  private forget(id: number): void {
    this.asyncCalls.delete(id);
    if (this.asyncCalls.size === 0) {
      this.worker.unref();
      this.port.unref();
      if (this.retiring) void this.terminate();
    }
  }

  private settleAllAsync(outcome: Outcome, output: Output[]): void {
    for (const [id, call] of [...this.asyncCalls]) {
      this.forget(id);
      call.settle(outcome, output);
    }
  }

  private onExit(code: number): void {
    this.drain(0);
    this.exit ??= { code };
    this.settleAllAsync({ kind: 'exit', code }, []);
  }
}

export const newCallId = (): number => nextId++;
