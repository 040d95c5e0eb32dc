/**
 * The spin budget, used on both threads: how long a blocked caller (or the worker, between requests) may check for a
 * message before it sleeps, adapted to whether checking pays off (off unless ASYNCHRO_WORKER_SPIN_US asks for it).
 */

/**
 * How long to keep checking for a message before sleeping, adapted like a mutex's adaptive spin. A thread wake-up
 * costs tens of microseconds, so a short check wins when the other thread answers at once on its own core. It loses
 * when the answer takes longer than the check: so checking stops after four checks in a row that found nothing (with
 * a retry every 64 calls). It is opt-in, and asked for it engages whatever the machine's load: the caller who set
 * ASYNCHRO_WORKER_SPIN_US chose to trade CPU for latency (a load average is no guide on 2 cores, where the calling
 * process alone exceeds any threshold that leaves a core free). Bounded by the caller: at most MAX_WORKER_SPIN_US
 * (1 ms) per check, never past a call's deadline.
 */
export class SpinBudget {
  private misses = 0;
  private callsSinceRetry = 0;

  constructor(private readonly maxMicroseconds: number) {}

  /** Milliseconds to spend checking before the next sleep. */
  next(): number {
    if (this.maxMicroseconds <= 0) return 0;
    if (this.misses < 4) return this.maxMicroseconds / 1000;
    if (++this.callsSinceRetry < 64) return 0;
    this.callsSinceRetry = 0;
    return this.maxMicroseconds / 1000;
  }

  /** Records whether the last check found the message. */
  record(found: boolean): void {
    this.misses = found ? 0 : this.misses + 1;
  }
}
