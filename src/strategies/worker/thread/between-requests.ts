/**
 * The worker thread between requests: after a reply, while nothing else is pending, it waits for the next request in
 * Atomics.wait (with the opt-in spin, ASYNCHRO_WORKER_SPIN_US, it first checks for it for a bounded while), taking it
 * from the shared frame (wire/frames.ts) or the port, instead of going back to its event loop; for at most
 * AWAY_FROM_LOOP_MS, then back to its loop.
 */
import { performance } from 'node:perf_hooks';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Frames } from '../wire/frames.js';
import { POKE, POSTED, REQUESTS, WORKER_WAITING, type PostedRequest } from '../wire/protocol.js';
import type { SpinBudget } from '../wire/spin-budget.js';

/** How long the worker keeps starting waits for the next request before it goes back to its event loop. */
export const AWAY_FROM_LOOP_MS = 2;

/**
 * The shortest wait for a request. A timed Atomics.wait whose timeout ends before the kernel's next timer tick makes
 * the round trip that wakes it measurably slower; one that ends past the tick costs nothing over an untimed wait (the
 * worker round trip rows of the bench). So a stretch is at most AWAY_FROM_LOOP_MS + MIN_WAIT_MS away from the loop.
 */
export const MIN_WAIT_MS = 5;

/**
 * A caller making calls back to back sends its next request within microseconds of a reply: waiting for it on the
 * shared REQUESTS counter, and taking it from the frame (or with receiveMessageOnPort), saves the worker's event loop
 * turn and its message dispatch both ways. The stretch starts when a request comes through the event loop and lasts
 * at most AWAY_FROM_LOOP_MS (plus the wait begun before it ended, MIN_WAIT_MS): then the worker goes back to its loop
 * (its own timers, sockets, the work of pending calls), and the next request comes through it (a framed one with a
 * POKE on the port). So the worker's own callbacks wait at most that long, and an idle worker sleeps in its loop.
 */
export class BetweenRequests {
  private leftLoopAt = -Infinity;
  /** Requests taken from the port so far (by the event loop or here), against the caller's POSTED count. */
  private postedTaken = 0;
  /** Requests taken so far, from anywhere (serve.ts counts them), against the caller's REQUESTS count. */
  private requestsTaken = 0;
  /** WORKER_WAITING as this thread last set it (only this thread sets it): a store is skipped when it would not change. */
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
        // Every request counted so far has been taken: none to look for until the count moves (a request is framed
        // or posted before it is counted, so one that is counted can be taken).
        if (seen !== this.requestsTaken) {
          const request = this.take();
          if (request) return this.taking(request);
        }
        if (now >= until) break;
        // Woken by a request, the worker takes it without reading the clock (next() reads it for the one after). A
        // wake that brings nothing (rare) waits again on the old reading: one wait more.
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
   * release of a twin no later call names (its instance is gone), or a ping, sent only after a call timed out. The
   * port is read only when the caller has posted more than was taken (a native call, skipped on the fast path).
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
