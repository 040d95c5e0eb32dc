/** The worker thread between requests: it waits in Atomics.wait for the next one instead of in its event loop. */
import { performance } from 'node:perf_hooks';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Frames } from '../wire/frames.js';
import { POKE, POSTED, REQUESTS, WORKER_WAITING, type PostedRequest } from '../wire/protocol.js';
import type { SpinBudget } from '../wire/spin-budget.js';

/** How long the worker keeps starting waits for the next request before it goes back to its event loop. */
export const AWAY_FROM_LOOP_MS = 2;

/**
 * The shortest wait: one whose timeout ends before the kernel's next timer tick slows the round trip that wakes it,
 * one past the tick costs nothing over an untimed wait (the bench's worker round trip rows).
 */
export const MIN_WAIT_MS = 5;

/**
 * Back-to-back calls send the next request within microseconds of a reply: waiting for it on REQUESTS saves an event
 * loop turn each way. After AWAY_FROM_LOOP_MS the worker's own callbacks run, and the next request comes through the
 * loop (a framed one with a POKE).
 */
export class BetweenRequests {
  private leftLoopAt = -Infinity;
  /** Requests taken from the port (by the event loop or here), against POSTED. */
  private postedTaken = 0;
  /** Requests taken from anywhere (serve.ts counts them), against REQUESTS. */
  private requestsTaken = 0;
  /** WORKER_WAITING as this thread (its only writer) last set it. */
  private waiting = false;

  constructor(
    private readonly state: Int32Array,
    private readonly port: MessagePort,
    private readonly frames: Frames | undefined,
    private readonly spin: SpinBudget,
  ) {}

  /** A message came through the event loop: a stretch away from it may start now. */
  fromLoop(message: PostedRequest | typeof POKE): void {
    this.leftLoopAt = performance.now();
    if (message !== POKE) this.postedTaken = (this.postedTaken + 1) | 0;
  }

  /** serve.ts took a request (from the frame or the port, here or in its event loop). */
  took(): void {
    this.requestsTaken = (this.requestsTaken + 1) | 0;
  }

  /** The worker will call `next` before it sleeps in its event loop again: a caller need not POKE it. */
  looking(): void {
    if (this.frames && !this.waiting) this.setWaiting(true);
  }

  /** The next request, if one comes before the stretch ends; `undefined`: go back to the event loop. */
  next(): PostedRequest | undefined {
    const until = this.leftLoopAt + AWAY_FROM_LOOP_MS;
    let now = performance.now();
    if (now < until) {
      const spinMs = this.spin.next();
      if (spinMs > 0) {
        const seen = Atomics.load(this.state, REQUESTS);
        const spinUntil = Math.min(now + spinMs, until);
        while (Atomics.load(this.state, REQUESTS) === seen && (now = performance.now()) < spinUntil);
        this.spin.record(Atomics.load(this.state, REQUESTS) !== seen);
      }
      this.looking(); // again: `looking` before the reply is skipped when calls were still pending
      for (;;) {
        const seen = Atomics.load(this.state, REQUESTS);
        // A request is framed or posted before it is counted, so one counted and not yet taken can be taken.
        if (seen !== this.requestsTaken) {
          const request = this.take();
          if (request) return this.taking(request);
        }
        if (now >= until) break;
        // No clock read on a wake: a wake that brings nothing (rare) waits once more on the old reading.
        if (Atomics.wait(this.state, REQUESTS, seen, Math.max(until - now, MIN_WAIT_MS)) === 'timed-out') {
          now = performance.now();
        }
      }
    }
    // Stop looking first, then look again: a caller that framed a request meanwhile either sees this and pokes the
    // port, or its request is seen here (calling/host.ts `send`).
    this.setWaiting(false);
    return this.take();
  }

  /** The request runs now, maybe on the event loop: from here on, a framed request needs a POKE. */
  private taking(request: PostedRequest): PostedRequest {
    this.setWaiting(false);
    return request;
  }

  private setWaiting(waiting: boolean): void {
    Atomics.store(this.state, WORKER_WAITING, waiting ? 1 : 0);
    this.waiting = waiting;
  }

  /**
   * A request in the frame, or on the port. Their order does not matter: a posted request beside a framed one is a
   * release of a twin no later call names, or a ping after a timeout. The port is read only when POSTED says so.
   */
  private take(): PostedRequest | undefined {
    const framed = this.frames?.takeRequest();
    if (framed) return framed;
    while (Atomics.load(this.state, POSTED) !== this.postedTaken) {
      const posted = receiveMessageOnPort(this.port)?.message as PostedRequest | typeof POKE | undefined;
      if (posted === undefined) return undefined; // the event loop took it before the caller counted it
      if (posted !== POKE) {
        this.postedTaken = (this.postedTaken + 1) | 0;
        return posted;
      }
    }
    return undefined;
  }
}
