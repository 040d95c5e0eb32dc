/** The observed outcome of an awaitable. `status` keeps falsy values and reasons apart from "still pending". */
export interface Settlement<T> {
  status: 'pending' | 'fulfilled' | 'rejected';
  value?: T;
  reason?: unknown;
}

/**
 * Subscribes to `awaitable` and returns a record that fills in when it settles. The first outcome wins, so a
 * misbehaving thenable that calls back twice or throws after settling changes nothing. Subscribing also marks
 * a rejection as handled: the bridge never causes an unhandledRejection.
 */
export function observe<T>(awaitable: PromiseLike<T>): Settlement<T> {
  if (awaitable instanceof Observed) return awaitable.settlement as Settlement<T>;
  const settlement: Settlement<T> = { status: 'pending', value: undefined, reason: undefined };
  const onFulfilled = (value: T): void => {
    if (settlement.status !== 'pending') return;
    settlement.status = 'fulfilled';
    settlement.value = value;
  };
  const onRejected = (reason: unknown): void => {
    if (settlement.status !== 'pending') return;
    settlement.status = 'rejected';
    settlement.reason = reason;
  };
  try {
    awaitable.then(onFulfilled, onRejected);
  } catch (error) {
    onRejected(error);
  }
  return settlement;
}

/**
 * A promise the caller already held, subscribed to at once. `observe` returns this settlement instead of
 * subscribing again. Blocking first probes the context, which drains ticks and microtasks and so runs Node's
 * unhandled-rejection check: an already rejected promise must have its handler before that.
 */
export class Observed<T> implements PromiseLike<T> {
  readonly settlement: Settlement<T>;

  constructor(private readonly source: PromiseLike<T>) {
    this.settlement = observe(source);
  }

  then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    return this.source.then(onFulfilled, onRejected);
  }
}
