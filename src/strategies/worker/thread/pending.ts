/**
 * The worker thread's running calls, and the port's ref that follows them: while calls are pending the port is
 * unref'd, so that if the event loop then empties ('beforeExit') nothing can settle them and they get a deadlock reply
 * instead of hanging the caller; while none is, the port is ref'd and keeps the idle worker alive for the next
 * request. Both are kept cheap for a worker that runs one call at a time, back to back (the worker round trip rows of
 * the bench): the ids are an array (a Set shrinks and regrows its table each time it empties), and the port's ref, a
 * native call, is set once the worker is back in its event loop rather than twice a call while it takes requests away
 * from it (between-requests.ts). A setImmediate does that: it keeps the loop alive until it runs, so meanwhile the
 * loop can neither end nor be kept alive by the port alone.
 */
// Node's own setImmediate, not the global one, which a target's fake timers may replace.
import { setImmediate } from 'node:timers';
import type { MessagePort } from 'node:worker_threads';

export class PendingCalls {
  private readonly ids: number[] = [];
  private portRefQueued = false;

  constructor(private readonly port: MessagePort) {}

  get size(): number {
    return this.ids.length;
  }

  has(id: number): boolean {
    return this.ids.includes(id);
  }

  add(id: number): void {
    if (this.ids.length === 0) this.refPortLater();
    this.ids.push(id);
  }

  /** False when `id` was not pending. */
  delete(id: number): boolean {
    const index = this.ids.indexOf(id);
    if (index < 0) return false;
    const last = this.ids.pop()!;
    if (index < this.ids.length) this.ids[index] = last;
    if (this.ids.length === 0) this.refPortLater();
    return true;
  }

  /** The pending ids, as a copy (finishing them changes the list). */
  list(): number[] {
    return [...this.ids];
  }

  clear(): void {
    this.ids.length = 0;
  }

  private refPortLater(): void {
    if (this.portRefQueued) return;
    this.portRefQueued = true;
    setImmediate(() => {
      this.portRefQueued = false;
      if (this.ids.length === 0) this.port.ref();
      else this.port.unref();
    });
  }
}
