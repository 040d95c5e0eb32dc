/**
 * The worker thread's pending calls: the port is unref'd while any is (an emptied loop then gives them a deadlock
 * reply), ref'd while none is, by a setImmediate once the worker is back in its loop.
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
