/**
 * The opt-in spin (ASYNCHRO_WORKER_SPIN_US), on both threads: how long to check for a message before sleeping.
 */

/**
 * An adaptive spin: checking beats a wake-up when the other thread answers at once on its own core, so it stops after
 * four empty checks in a row (retried every 64 calls), whatever the load: the caller chose CPU for latency.
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
