/**
 * The worker between requests: waiting for the next one in Atomics.wait instead of in its event loop, bounded so
 * that the loop (timers, sockets, the work of calls still pending) always gets its turn.
 */
import { performance } from 'node:perf_hooks';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { REQUESTS, WAITING, type Request } from './protocol.js';
import type { SpinBudget } from './spin.js';

/** The longest stretch the worker spends away from its event loop taking requests this way. */
export const AWAY_FROM_LOOP_MS = 2;

/**
 * A caller making calls back to back sends its next request within microseconds of a reply. Sleeping in
 * Atomics.wait on the caller's REQUESTS counter and taking the request with receiveMessageOnPort saves the event
 * loop's wake-up and message dispatch on every call. The stretch starts when a request comes through the event loop
 * and lasts at most AWAY_FROM_LOOP_MS; then the worker goes back to its loop, and the next request comes through it.
 */
export class BetweenRequests {
  private leftLoopAt = -Infinity;

  constructor(
    private readonly state: Int32Array,
    private readonly port: MessagePort,
    private readonly spin: SpinBudget,
  ) {}

  /** A request came through the event loop: a stretch away from it may start now. */
  fromLoop(): void {
    this.leftLoopAt = performance.now();
  }

  /** The next request, if one comes before the stretch ends; `undefined`: go back to the event loop. */
  next(): Request | undefined {
    const until = this.leftLoopAt + AWAY_FROM_LOOP_MS;
    let now = performance.now();
    let spinUntil = Math.min(now + this.spin.next(), until);
    for (;;) {
      const seen = Atomics.load(this.state, REQUESTS);
      const next = receiveMessageOnPort(this.port);
      if (next) return next.message as Request;
      if (now >= until) return undefined;
      if (spinUntil > now) {
        // The opt-in spin: a request that comes sooner than this thread could be woken for it.
        while (Atomics.load(this.state, REQUESTS) === seen && performance.now() < spinUntil);
        this.spin.record(Atomics.load(this.state, REQUESTS) !== seen);
        spinUntil = 0;
      } else {
        Atomics.store(this.state, WAITING, 1); // before the caller's check of it, or after its bump of REQUESTS
        Atomics.wait(this.state, REQUESTS, seen, until - now);
        Atomics.store(this.state, WAITING, 0);
      }
      now = performance.now();
    }
  }
}
