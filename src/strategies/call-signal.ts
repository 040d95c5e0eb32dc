/**
 * The signal of a blocking call, as its work sees it: `currentSignal()` reads it inside the work, on the pump and in
 * the worker alike, and the call aborts it, with the error its caller gets, when it gives up on work already started
 * (a timeout, its `signal`, a deadlock, a refusal after the work started). Its AbortController is made on the first
 * read, or when the call gives up: most work never reads it.
 *
 * Reads after an `await` (or in callbacks the work scheduled) need async context: the work runs in an
 * AsyncLocalStorage scope when its caller can abort it (a `timeout`, a `signal`), and every call's work does once this
 * thread has read `currentSignal()` or built a `syncView` method that takes request options (`shared.read`). A thread
 * that never reads the signal and sets no timeout never enters a scope: a scope costs more than a whole pumped call,
 * and on the majors without AsyncContextFrame the first one turns on a promise hook for the whole thread.
 *
 * Where a call's work starts in a plain slot instead (`startWork`: a call refused after its work started, every call
 * in the worker thread), a read in its synchronous start finds it there, scope or not. The pump never runs while the
 * slot is set: a blocking call made there meets the same refusal, and asynchro's worker thread refuses the pump. (A
 * slot on the pump's own path would cost its calls: storing each call record in a long-lived object is a write
 * barrier's slow path on every call.)
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** A call its caller can abort (a `signal`, a finite `timeout`): its work always runs in a scope, on either path. */
export function isAbortable(options: { readonly timeout?: number; readonly signal?: AbortSignal }): boolean {
  return options.signal !== undefined || (options.timeout !== undefined && options.timeout !== Infinity);
}

/**
 * What holds one call's abort: its AbortController, made on the first read of its signal or when the call gives up.
 * A blocking call record is one; the worker makes one per call.
 */
export interface SignalSource {
  controller: AbortController | undefined;
}

interface Shared {
  readonly scope: AsyncLocalStorage<SignalSource>;
  /** The call whose work's synchronous start runs in the slot (`startWork`), if any. */
  starting: SignalSource | undefined;
  /** Something on this thread has read `currentSignal()`: from now on, every call's work runs in a scope. */
  read: boolean;
}

/**
 * Shared by every copy of asynchro in a thread (a symbol in the global registry): in a worker, the runner and the
 * target's own `import 'asynchro-bridge'` are two module instances, and the target must see the runner's call; a
 * program that loads both the CommonJS and the ES module build has two copies too.
 */
const SHARED_KEY = Symbol.for('asynchro-bridge.call-signal');
const shared: Shared = ((globalThis as Record<symbol, unknown>)[SHARED_KEY] ??= {
  scope: new AsyncLocalStorage<SignalSource>(),
  starting: undefined,
  read: false,
}) as Shared;

/** Whether a call with these options runs its work in a scope (on the pump: else it starts with nothing set). */
export function carriesSignal(options: { readonly timeout?: number; readonly signal?: AbortSignal }): boolean {
  return shared.read || isAbortable(options);
}

/** Whether this thread has read `currentSignal()`: every call's work then runs in a scope. */
export function signalsCarried(): boolean {
  return shared.read;
}

/** From now on, every call's work on this thread carries its signal across awaits (a scope per call). */
export function carrySignals(): void {
  if (!shared.read) shared.read = true;
}

/** Runs `start(arg)`, which starts `source`'s work, in a scope: the work reads its signal across its awaits. */
export function startScoped<A, R>(source: SignalSource, start: (arg: A) => R, arg: A): R {
  return shared.scope.run(source, start, arg);
}

/**
 * Runs `start(arg)`, which starts `source`'s work, with `source` in the slot: a read in its synchronous start finds
 * it; and in a scope too when `abortable` or once this thread has read `currentSignal()`.
 */
export function startWork<A, R>(source: SignalSource, start: (arg: A) => R, arg: A, abortable: boolean): R {
  const outer = shared.starting;
  shared.starting = source;
  try {
    return abortable || shared.read ? shared.scope.run(source, start, arg) : start(arg);
  } finally {
    shared.starting = outer;
  }
}

/** The call gave up on its work: its signal aborts with `reason` (once), and its listeners run now. */
export function abortWork(source: SignalSource, reason: unknown): void {
  (source.controller ??= new AbortController()).abort(reason);
}

/** The signal of the work running here, for asynchro's own use (reading it does not call `carrySignals`). */
export function workSignal(): AbortSignal | undefined {
  const source = shared.starting ?? shared.scope.getStore();
  return source && (source.controller ??= new AbortController()).signal;
}

/**
 * The signal of the blocking call whose work is running here (on the calling thread under the pump, or in the worker
 * thread), or `undefined` outside any. Aborted when the call gives up on its work; its `reason` is the error the
 * caller gets (`SyncTimeoutError`, the `signal`'s reason, `DeadlockError`...). Pass it to what the work starts:
 * `fetch(url, { signal: currentSignal() })`. The first read in a thread makes every later call carry its signal
 * (docs/cancellation.md says exactly when a read finds none).
 */
export function currentSignal(): AbortSignal | undefined {
  carrySignals();
  return workSignal();
}
