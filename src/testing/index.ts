/**
 * `asynchro-bridge/testing`: test bodies whose blocking calls use the loop pump. Every runner's test body runs inside
 * a microtask, where the pump cannot block; these helpers run it in an event-loop callback instead.
 */
import { realTimers } from '../strategies/real-timers.js';

/** Node's, never a test's fakes (jest and vitest fake `setImmediate` by default). */
const { setImmediate, setTimeout } = realTimers;

/*
 * A later immediate of its turn cannot pump (Node's immediate queue is not re-entrant there:
 * test/fixtures/hostile/immediate-turn.cjs), so one that finds others ran before it hands the body to a timer.
 */
type ImmediateLike = { _idlePrev?: unknown };

/**
 * Runs `fn` in an event-loop callback, where a blocking call uses the pump. After an `await` a test is in a microtask
 * again: `await runPumped(() => client.getSync(1))` is the way back.
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
 * A test function that runs `body` with `runPumped`: `test('gets a pet', pumped(() => { ... }))`. `this` and the
 * runner's arguments reach the body. It declares no parameters, so no runner takes it for a `done`-callback test.
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
 * A runner's test function (`test`, `it`, with `.only`, `.each(...)`...) whose bodies all run `pumped`:
 * `const test = pumpedTests(base)` for a whole file.
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
      // Only the runner's own modifiers, not `call`, `bind`; a read-only one must come back as it is (Proxy invariant)
      const own = Object.getOwnPropertyDescriptor(target, key);
      const wrappable = own && typeof value === 'function' && (own.configurable || own.writable !== false);
      return wrappable ? pumpedTests(value as AnyTest) : value;
    },
  });
}
