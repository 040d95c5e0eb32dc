/**
 * The spin budget: how long a blocked caller (or the worker) may check for a message before it sleeps, adapted to
 * whether checking pays off and to the machine's load (off unless ASYNCHRO_WORKER_SPIN_US asks for it).
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

/**
 * How long to keep checking for a message before sleeping, adapted like a mutex's adaptive spin. A thread
 * wake-up costs tens of microseconds, so a short check wins when the other thread answers at once on its own
 * core. It loses when there is no spare core: the checking thread then takes CPU time from the very thread it
 * waits for. So checking stops while the machine is busy (load average above the cores two threads leave free)
 * and after four checks in a row that found nothing (with a retry every 64 calls).
 */
export class SpinBudget {
  private misses = 0;
  private callsSinceRetry = 0;
  private busy = false;
  private busyCheckedAt = -Infinity;

  constructor(private readonly maxMicroseconds: number) {}

  /** Milliseconds to spend checking before the next sleep. */
  next(): number {
    if (this.maxMicroseconds <= 0 || this.machineBusy()) return 0;
    if (this.misses < 4) return this.maxMicroseconds / 1000;
    if (++this.callsSinceRetry < 64) return 0;
    this.callsSinceRetry = 0;
    return this.maxMicroseconds / 1000;
  }

  /** Records whether the last check found the message. */
  record(found: boolean): void {
    this.misses = found ? 0 : this.misses + 1;
  }

  private machineBusy(): boolean {
    const now = performance.now();
    if (now - this.busyCheckedAt > 500) {
      this.busyCheckedAt = now;
      this.busy = loadavg()[0]! > availableParallelism() - 1.5;
    }
    return this.busy;
  }
}
