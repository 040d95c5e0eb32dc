/**
 * The signal of a blocking call, as its work sees it: `currentSignal()` reads it anywhere inside the work (across
 * its awaits, on the pump and in the worker alike), and the call aborts it, with the error its caller gets, when it
 * gives up on work already started (a timeout, its `signal`, a deadlock, a refusal after the work started).
 *
 * Only a call that its caller can abort (a `timeout` or a `signal`), or that is refused after its work started,
 * runs its work in a scope: an AsyncLocalStorage scope per call would cost a call with neither several times the
 * pump's whole cost, and such a call ends otherwise only when nothing of its work is left alive (a deadlock).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** A call its caller can abort (a `signal`, a finite `timeout`): its work runs with a signal, on either path. */
export function isAbortable(options: { readonly timeout?: number; readonly signal?: AbortSignal }): boolean {
  return options.signal !== undefined || (options.timeout !== undefined && options.timeout !== Infinity);
}

/** One call's abort: its AbortController is made on the first read of the signal (most work never reads it). */
export class CallAbort {
  private controller: AbortController | undefined;
  private ended: { reason: unknown } | undefined;

  get signal(): AbortSignal {
    if (this.controller) return this.controller.signal;
    this.controller = new AbortController();
    if (this.ended) this.controller.abort(this.ended.reason);
    return this.controller.signal;
  }

  /** The call gave up on its work: its signal aborts with `reason` (once), and its listeners run now. */
  abort(reason: unknown): void {
    if (this.ended) return;
    this.ended = { reason };
    this.controller?.abort(reason);
  }
}

/**
 * Shared by every copy of asynchro in a thread (a symbol in the global registry): in a worker, the runner and the
 * target's own `import 'asynchro-bridge'` are two module instances, and the target must see the runner's scope.
 */
const STORE_KEY = Symbol.for('asynchro-bridge.call-signal');
const scope: AsyncLocalStorage<CallAbort> = ((globalThis as Record<symbol, unknown>)[STORE_KEY] ??=
  new AsyncLocalStorage<CallAbort>()) as AsyncLocalStorage<CallAbort>;

/** Runs `start` (which starts the work) so that the work reads `abort`'s signal through `currentSignal()`. */
export function runWithSignal<A, R>(abort: CallAbort, start: (arg: A) => R, arg: A): R {
  return scope.run(abort, start, arg);
}

/**
 * The signal of the blocking call whose work is running here (on the calling thread under the pump, or in the
 * worker thread), or `undefined` outside any, or in a call that nothing can abort (no `timeout`, no `signal`).
 * Aborted when the call gives up on its work; its `reason` is the error the caller gets (`SyncTimeoutError`, the
 * `signal`'s reason, `DeadlockError`...). Pass it to what the work starts: `fetch(url, { signal: currentSignal() })`.
 */
export function currentSignal(): AbortSignal | undefined {
  return scope.getStore()?.signal;
}
