/**
 * `asynchro-bridge/testing`: test bodies whose blocking calls use the loop pump, on the test's own thread. Every jest,
 * vitest and node:test body (mocha's async ones too) runs inside a microtask, where the pump cannot turn the event
 * loop: there a blocking call goes to a worker thread, away from the test's mocks and spies, or is refused. These
 * helpers run the body in a callback of the event loop instead, and give the runner a promise of its outcome.
 */
import { realTimers } from '../strategies/real-timers.js';

/** Node's, never a test's fakes (jest and vitest fake `setImmediate` by default): see real-timers.ts. */
const { setImmediate, setTimeout } = realTimers;

/*
 * The body runs in the first immediate of a turn, where the pump needs no check. A later immediate of its turn cannot
 * pump (Node's immediate queue is not re-entrant there: see `placeInTurn` in pump.ts), so one that finds others ran
 * before it in its turn hands the body to a timer callback, where the pump works too.
 */
type ImmediateLike = { _idlePrev?: unknown };

/**
 * Runs `fn` in a callback of the event loop, where a blocking call in it uses the loop pump, and resolves with what it
 * returns (awaited) or rejects with what it throws. After an `await` a test is inside a microtask again:
 * `await runPumped(() => client.getSync(1))` is the way back for the next blocking stretch.
 */
export function runPumped<R>(fn: () => R): Promise<Awaited<R>> {
  return new Promise((resolve, reject) => {
    const run = (): void => {
      try {
        resolve(fn() as Awaited<R>);
      } catch (error) {
        reject(error);
      }
    };
    setImmediate(function (this: ImmediateLike) {
      if (this?._idlePrev == null) run();
      else setTimeout(run, 0);
    });
  });
}

/**
 * A test function for any runner that runs `body` with `runPumped`: `test('gets a pet', pumped(() => { ... }))`.
 * `this` and the arguments the runner passes (node:test's context, mocha's `this`) reach the body. The wrapper takes
 * no parameters, so no runner takes it for a `done`-callback test, and returns a promise of the body's end (never of
 * its value, which no runner wants: node:test's types ask for `Promise<void>`), which the runner awaits.
 * What an async body runs after its first `await` is in a microtask again (see `runPumped`).
 */
export function pumped<This, A extends unknown[]>(
  body: (this: This, ...args: A) => unknown,
): (this: This, ...args: A) => Promise<void> {
  if (typeof body !== 'function') {
    throw new TypeError(`asynchro-bridge: pumped(body): body must be a function; got ${typeof body}.`);
  }
  return async function (this: This, ...args: A): Promise<void> {
    await runPumped(() => body.apply(this, args));
  };
}

type AnyTest = (...args: never[]) => unknown;

/**
 * A runner's test function (`test`, `it`, their `.only`, `.skip`, `.each(...)`...) whose test bodies all run
 * `pumped`: `const test = pumpedTests(base)` for a whole file. Function arguments are wrapped, everything else
 * passes through; its own function-valued properties and function results are wrapped the same way.
 */
export function pumpedTests<T extends AnyTest>(test: T): T {
  if (typeof test !== 'function') {
    throw new TypeError(
      `asynchro-bridge: pumpedTests(test): test must be a runner's test function; got ${typeof test}.`,
    );
  }
  return new Proxy(test, {
    apply(target, thisArg, args: unknown[]) {
      const wrapped = args.map((arg) => (typeof arg === 'function' ? pumped(arg as () => unknown) : arg));
      const result: unknown = Reflect.apply(target as () => unknown, thisArg, wrapped);
      return typeof result === 'function' ? pumpedTests(result as AnyTest) : result;
    },
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      // Only the runner's own modifiers, not `call`, `bind`... (one that is read-only must come back as it is)
      const own = Object.getOwnPropertyDescriptor(target, key);
      const wrappable = own && typeof value === 'function' && (own.configurable || own.writable !== false);
      return wrappable ? pumpedTests(value as AnyTest) : value;
    },
  });
}
