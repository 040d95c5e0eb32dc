/**
 * The signal of a blocking call as its work sees it (`currentSignal()`, on the pump and in the worker alike), aborted
 * with the caller's error when the call gives up on started work. Its AbortController is made on first read.
 *
 * A read after an `await` needs an AsyncLocalStorage scope, entered only when the caller can abort the call or once
 * the thread has read the signal (`shared.read`): a scope costs more than a pumped call, and without AsyncContextFrame
 * the first one turns on a promise hook for the thread. Work started through the slot (`startWork`: in the worker, or
 * refused after it started) finds its signal there; the pump's path has no slot, since storing each call in a
 * long-lived object takes the write barrier's slow path.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** A call its caller can abort (a `signal`, a finite `timeout`): its work always runs in a scope. */
export function isAbortable(options: { readonly timeout?: number; readonly signal?: AbortSignal }): boolean {
  return options.signal !== undefined || (options.timeout !== undefined && options.timeout !== Infinity);
}

/** One call's abort (a blocking call record is one); its AbortController is made on first need. */
export interface SignalSource {
  controller: AbortController | undefined;
}

interface Shared {
  readonly scope: AsyncLocalStorage<SignalSource>;
  /** The call whose work is starting in the slot (`startWork`). */
  starting: SignalSource | undefined;
  /** This thread has read `currentSignal()`. */
  read: boolean;
}

/**
 * Shared by every copy of asynchro in a thread: in a worker, the runner and the target's own `import` are two module
 * instances, and the target must see the runner's call.
 */
const SHARED_KEY = Symbol.for('asynchro-bridge.call-signal');
const shared: Shared = ((globalThis as Record<symbol, unknown>)[SHARED_KEY] ??= {
  scope: new AsyncLocalStorage<SignalSource>(),
  starting: undefined,
  read: false,
}) as Shared;

/** Whether a call with these options runs its work in a scope. */
export function carriesSignal(options: { readonly timeout?: number; readonly signal?: AbortSignal }): boolean {
  return shared.read || isAbortable(options);
}

export function signalsCarried(): boolean {
  return shared.read;
}

/** From now on, every call's work on this thread runs in a scope. */
export function carrySignals(): void {
  if (!shared.read) shared.read = true;
}

/** Runs `start(arg)`, which starts `source`'s work, in a scope. */
export function startScoped<A, R>(source: SignalSource, start: (arg: A) => R, arg: A): R {
  return shared.scope.run(source, start, arg);
}

/** Runs `start(arg)` with `source` in the slot, and in a scope too when `abortable` or once the signal was read. */
export function startWork<A, R>(source: SignalSource, start: (arg: A) => R, arg: A, abortable: boolean): R {
  const outer = shared.starting;
  shared.starting = source;
  try {
    return abortable || shared.read ? shared.scope.run(source, start, arg) : start(arg);
  } finally {
    shared.starting = outer;
  }
}

/** The call gave up on its work: its signal aborts with `reason` (once). */
export function abortWork(source: SignalSource, reason: unknown): void {
  (source.controller ??= new AbortController()).abort(reason);
}

/** The signal of the work running here, for asynchro's own use (reading it does not call `carrySignals`). */
export function workSignal(): AbortSignal | undefined {
  const source = shared.starting ?? shared.scope.getStore();
  return source && (source.controller ??= new AbortController()).signal;
}

/**
 * The signal of the blocking call whose work is running here, or `undefined` outside any. Aborted when the call gives
 * up, with the error its caller gets as `reason`. Pass it on: `fetch(url, { signal: currentSignal() })`
 * (docs/cancellation.md says when a read finds none).
 */
export function currentSignal(): AbortSignal | undefined {
  carrySignals();
  return workSignal();
}
