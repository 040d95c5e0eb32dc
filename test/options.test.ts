/**
 * The one options validator (issue 9 §4): every entry point refuses a bad option where it is given, with a message
 * naming the option and the value, and `Infinity` means no timeout. These checks run before any work or pump, so
 * they are safe in a test body.
 */
import { describe, expect, it } from 'vitest';
import { MAX_TIMEOUT_MS, REENTRANCY_POLICIES, STRATEGIES } from '../src/subpaths/introspection.js';
import {
  awaitSync,
  desync,
  desynced,
  exposeSync,
  relocatableSynced,
  sync,
  synced,
  workerDesynced,
  workerSynced,
} from '../src/index.js';
import { setReentrancyPolicy } from '../src/subpaths/instrumentation.js';
import { addWorkerContext } from '../src/subpaths/worker.js';

const target = new URL('./worker/fixtures/targets.mjs', import.meta.url);
async function fetchUser(): Promise<string> {
  return 'user';
}

describe('the value lists', () => {
  it('are defined once and exported', () => {
    expect(STRATEGIES).toEqual(['auto', 'pump', 'worker']);
    expect(REENTRANCY_POLICIES).toEqual(['allow', 'warn', 'throw']);
    expect(MAX_TIMEOUT_MS).toBe(2 ** 31 - 1);
  });
});

describe('timeout', () => {
  const bad = (timeout: unknown) => () => synced(fetchUser, { timeout: timeout as number });
  it('refuses a string, NaN, a negative number and one beyond what Node timers hold', () => {
    expect(bad('100')).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: synced(fetchUser): option 'timeout' must be a number of milliseconds from 0 to 2147483647, or Infinity for no timeout; got "100" (a string).]`,
    );
    expect(bad(NaN)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: synced(fetchUser): option 'timeout' must be a number of milliseconds from 0 to 2147483647, or Infinity for no timeout; got NaN (a number).]`,
    );
    expect(bad(-5)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: asynchro-bridge: synced(fetchUser): option 'timeout' must be a number of milliseconds from 0 to 2147483647, or Infinity for no timeout; got -5 (a number).]`,
    );
    expect(bad(2 ** 31)).toThrow(RangeError);
    expect(bad(-Infinity)).toThrow(RangeError);
    expect(bad(10n)).toThrow(/got 10n \(a bigint\)/);
  });
  it('accepts 0, the maximum and Infinity (no timeout)', () => {
    for (const timeout of [0, 0.5, MAX_TIMEOUT_MS, Infinity])
      expect(() => synced(fetchUser, { timeout })).not.toThrow();
  });
});

describe('strategy, reentrancy, signal and unknown options', () => {
  it('name the option, the value and what it takes', () => {
    expect(() => synced(fetchUser, { strategy: 'nope' as never })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: synced(fetchUser): option 'strategy' must be one of 'auto', 'pump', 'worker'; got "nope" (a string).]`,
    );
    expect(() => synced(fetchUser, { reentrancy: 'x' as never })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: synced(fetchUser): option 'reentrancy' must be one of 'allow', 'warn', 'throw'; got "x" (a string).]`,
    );
    expect(() => synced(fetchUser, { signal: {} as never })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: synced(fetchUser): option 'signal' must be an AbortSignal; got an object.]`,
    );
    expect(() => synced(fetchUser, { timout: 5 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: synced(fetchUser): unknown option 'timout'; the options are 'timeout', 'signal', 'strategy', 'reentrancy', 'divergence'.]`,
    );
    expect(() => synced(fetchUser, 42 as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: synced(fetchUser): options must be an object; got 42 (a number).]`,
    );
  });
  it('never runs the value own code to describe it', () => {
    const hostile = {
      toString: () => {
        throw new Error('ran');
      },
      [Symbol.toPrimitive]: () => {
        throw new Error('ran');
      },
    };
    expect(() => synced(fetchUser, { strategy: hostile as never })).toThrow(/got an object/);
    expect(() => synced(fetchUser, { strategy: Symbol('s') as never })).toThrow(/got Symbol\(s\) \(a symbol\)/);
    const { proxy, revoke } = Proxy.revocable([], {});
    revoke();
    expect(() => synced(fetchUser, { strategy: proxy as never })).toThrow(/got an object/);
  });
  it('take a real AbortSignal only, and options that cannot be read are a TypeError with the cause', () => {
    expect(() => synced(fetchUser, { signal: Object.create(AbortSignal.prototype) })).toThrow(
      /option 'signal' must be an AbortSignal; got an object/,
    );
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => synced(fetchUser, proxy)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: synced(fetchUser): options could not be read (a getter or a Proxy trap threw, or a revoked Proxy).]`,
    );
    const failing = new Error('getter');
    const throwing = {
      get timeout(): number {
        throw failing;
      },
    };
    expect(() => synced(fetchUser, throwing)).toThrow(expect.objectContaining({ name: 'TypeError', cause: failing }));
  });
});

describe('every entry point runs the same validator', () => {
  it('awaitSync checks before blocking, and a held rejected promise is still handled', () => {
    expect(() =>
      awaitSync(Promise.reject(new Error('held')), { timeout: '100' as never }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: awaitSync: option 'timeout' must be a number of milliseconds from 0 to 2147483647, or Infinity for no timeout; got "100" (a string).]`,
    );
  });
  it('workerSynced and relocatableSynced refuse before touching a worker', () => {
    expect(() => workerSynced(target, 'add', { timeout: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: asynchro-bridge: workerSynced(add): option 'timeout' must be a number of milliseconds from 0 to 2147483647, or Infinity for no timeout; got -1 (a number).]`,
    );
    expect(() => workerSynced(target, 'add', { strategy: 'pump' } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: workerSynced(add): unknown option 'strategy'; the options are 'timeout', 'signal', 'reentrancy', 'allowNonFileModule', 'transfer'.]`,
    );
    expect(() => workerSynced(target, '')).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: workerSynced(module, exportName, options): exportName must be a non-empty string; got "" (a string).]`,
    );
    expect(() => relocatableSynced(fetchUser, target, 'fetchUser', { strategy: 'nope' as never })).toThrow(
      /relocatableSynced\(fetchUser\): option 'strategy' must be one of/,
    );
    expect(() => workerDesynced(target, 'add', { allowNonFileModule: 'yes' } as never)).toThrow(
      /workerDesynced\(add\): option 'allowNonFileModule' must be true or false; got "yes"/,
    );
  });
  it('desynced checks its own options', () => {
    expect(() => desynced(fetchUser, { modul: target } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: desynced(fetchUser): unknown option 'modul'; the options are 'module', 'exportName', 'allowNonFileModule'.]`,
    );
    expect(() => desynced(() => 1, { module: target })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: desynced(<anonymous>): option 'exportName' is needed with 'module': the function has no name to import it by.]`,
    );
  });
  it('the decorators report the same message as a DecorationError', () => {
    expect(() =>
      exposeSync(
        class A {
          async aone() {}
        },
        { timeout: '5' as never },
      ),
    ).toThrowErrorMatchingInlineSnapshot(
      `[DecorationError: exposeSync(A): option 'timeout' must be a number of milliseconds from 0 to 2147483647, or Infinity for no timeout; got "5" (a string).]`,
    );
  });
  it('addWorkerContext and setReentrancyPolicy', () => {
    expect(() => addWorkerContext({ capture: 5 as never, module: target })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: addWorkerContext(context): option 'capture' must be a function; got 5 (a number).]`,
    );
    expect(() => setReentrancyPolicy('never' as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: setReentrancyPolicy: policy must be one of 'allow', 'warn', 'throw'; got "never" (a string).]`,
    );
  });
});

describe('wrong argument types get our message, not the engine', () => {
  it('synced(42), sync(42), desync(42), relocatableSynced(42)', async () => {
    expect(() => synced(42 as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: synced(fn, options): fn must be a function; got 42 (a number).]`,
    );
    expect(() => sync(42 as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: sync(fn, ...args): fn must be a function; got 42 (a number).]`,
    );
    await expect(desync(null as never)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: desync(fn, ...args): fn must be a function; got null.]`,
    );
    expect(() => desynced('f' as never)).toThrow(
      /desynced\(fn, options\): fn must be a function; got "f" \(a string\)/,
    );
    expect(() => relocatableSynced(42 as never, target)).toThrow(
      /relocatableSynced\(fn, module, exportName, options\): fn must be a function/,
    );
  });
});
