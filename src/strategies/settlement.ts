/** The observed outcome of an awaitable. `status` keeps falsy values and reasons apart from "still pending". */
export interface Settlement<T> {
  status: 'pending' | 'fulfilled' | 'rejected';
  value?: T;
  reason?: unknown;
}

/**
 * Subscribes to `awaitable` through `then` (its `then`, which the caller has read: a thenable's is read once) and
 * returns a record that fills in when it settles. The first outcome wins, so a misbehaving thenable that calls back
 * twice or throws after settling changes nothing; a thenable it fulfils with is followed in turn, as a promise would.
 * Subscribing also marks a rejection as handled: the bridge never causes an unhandledRejection.
 */
export function observe<T>(awaitable: PromiseLike<T>, then: Function): Settlement<T> {
  return observeInto(awaitable, then, { status: 'pending', value: undefined, reason: undefined });
}

/** `observe`, filling in the caller's pending `settlement` (a held promise keeps its own: that one is returned). */
export function observeInto<T>(awaitable: PromiseLike<T>, then: Function, settlement: Settlement<T>): Settlement<T> {
  if (then === nativeThen) followNative(awaitable as Promise<T>, settlement);
  else if (awaitable instanceof Observed) return awaitable.settlement as Settlement<T>;
  else follow(awaitable, then, settlement, 0);
  return settlement;
}

const nativeThen = Promise.prototype.then;

/**
 * A promise whose `then` is the built-in one calls back at most once and never fulfils with a thenable (it adopts
 * it): two small closures do, with none of `follow`'s guards.
 */
function followNative<T>(promise: Promise<T>, settlement: Settlement<T>): void {
  try {
    nativeThen.call(
      promise,
      (value) => {
        settlement.status = 'fulfilled';
        settlement.value = value as T;
      },
      (reason: unknown) => {
        settlement.status = 'rejected';
        settlement.reason = reason;
      },
    );
  } catch (error) {
    // not a promise after all (a Proxy of one): its own error is the outcome, as `await` would give
    settlement.status = 'rejected';
    settlement.reason = error;
  }
}

/** Thenables fulfilled with thenables, followed at most this deep (a promise would follow a cycle forever). */
const MAX_THENABLE_CHAIN = 100;

function follow<T>(awaitable: PromiseLike<T>, then: Function, settlement: Settlement<T>, depth: number): void {
  let called = false;
  const reject = (reason: unknown): void => {
    settlement.status = 'rejected';
    settlement.reason = reason;
  };
  const onFulfilled = (value: T): void => {
    if (called) return;
    called = true;
    // A native promise never fulfils with a thenable (it adopts it); other thenables may.
    if (
      value !== null &&
      (typeof value === 'object' || typeof value === 'function') &&
      Object.getPrototypeOf(awaitable) !== Promise.prototype
    ) {
      let then: unknown;
      try {
        then = (value as { then?: unknown }).then;
      } catch (error) {
        return reject(error);
      }
      if (typeof then === 'function') {
        if ((value as unknown) === awaitable || depth >= MAX_THENABLE_CHAIN) {
          return reject(
            new TypeError(
              `asynchro-bridge: a thenable fulfilled with ${(value as unknown) === awaitable ? 'itself' : `a chain of more than ${MAX_THENABLE_CHAIN} thenables`}`,
            ),
          );
        }
        return follow(value as unknown as PromiseLike<T>, then, settlement, depth + 1);
      }
    }
    settlement.status = 'fulfilled';
    settlement.value = value;
  };
  const onRejected = (reason: unknown): void => {
    if (called) return;
    called = true;
    reject(reason);
  };
  try {
    Reflect.apply(then, awaitable, [onFulfilled, onRejected]);
  } catch (error) {
    onRejected(error);
  }
}

/**
 * A promise the caller already held, subscribed to at once. `observe` returns this settlement instead of
 * subscribing again. Blocking first probes the context, which drains ticks and microtasks and so runs Node's
 * unhandled-rejection check: an already rejected promise must have its handler before that.
 */
export class Observed<T> implements PromiseLike<T> {
  readonly settlement: Settlement<T>;

  /** `then`: the source's, read once; `into`: the pending settlement to fill in (awaitSync's blocking call is one). */
  constructor(
    private readonly source: PromiseLike<T>,
    then: Function,
    into?: Settlement<T>,
  ) {
    this.settlement = observeInto(source, then, into ?? { status: 'pending', value: undefined, reason: undefined });
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return this.source.then(onFulfilled, onRejected);
  }
}
