/**
 * asynchro-bridge/testing in this very runner (vitest, whose test bodies are microtasks): runPumped and pumped leave
 * the microtask for a callback of the event loop where blocking calls pump; pumpedTests wraps a runner's test function.
 * The four real runners are driven by test/runners.test.ts.
 */
import { executionAsyncResource } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { awaitSync, sync } from '../src/index.js';
import { pumped, pumpedTests, runPumped } from '../src/testing/index.js';

const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(resolve, ms, value));
const callbackKind = (): string => (executionAsyncResource() as object).constructor.name;

describe('runPumped', () => {
  it('runs its function where a blocking call pumps, and resolves with its value', async () => {
    expect(() => awaitSync(later(1, 'here'))).toThrow(/cannot block here/); // a test body: a microtask
    await expect(runPumped(() => awaitSync(later(1, 'pumped')))).resolves.toBe('pumped');
    await expect(runPumped(() => [callbackKind(), sync(async () => 'value')])).resolves.toEqual(['Immediate', 'value']);
  });

  it('rejects with what the function throws, the very object', async () => {
    const error = new RangeError('from the body');
    await expect(
      runPumped(() => {
        throw error;
      }),
    ).rejects.toBe(error);
    await expect(runPumped(async () => Promise.reject(error))).rejects.toBe(error);
  });

  it('behind another immediate of its turn (no pump there), it runs in a timer callback instead', async () => {
    const kinds = await new Promise<string[]>((resolve) => {
      setImmediate(() => {}); // first of the next turn
      runPumped(() => [callbackKind(), awaitSync(later(1, 'pumped'))]).then(resolve);
    });
    expect(kinds).toEqual(['Timeout', 'pumped']);
  });
});

describe('vitest fixtures (docs/testing.md)', () => {
  const withLabel = it.extend<{ label: string }>({ label: async ({ task }, use) => use(task.name) });
  withLabel('a test.extend fixture reaches a body that wraps its inside', ({ label }) =>
    runPumped(() => expect([label, awaitSync(later(1, 'pumped'))]).toEqual([expect.any(String), 'pumped'])),
  );
});

describe('pumped', () => {
  it("gives the body the test function's `this` and arguments, takes no parameters, resolves to nothing", async () => {
    const seen: unknown[] = [];
    const test = pumped(function (this: unknown, ...args: unknown[]) {
      seen.push(this, args, callbackKind());
      return 'value';
    });
    expect(test.length).toBe(0); // never taken for a done-callback test
    const context = { name: 'context' };
    await expect(test.call(context, 1, 2)).resolves.toBeUndefined();
    expect(seen).toEqual([context, [1, 2], 'Immediate']);
  });

  it('refuses a body that is not a function', () => {
    expect(() => pumped('body' as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: pumped(body): body must be a function; got string.]`,
    );
  });
});

describe('pumpedTests', () => {
  /** A runner's test function, as jest, vitest, node:test and mocha make them: a function with modifiers. */
  function fakeRunner() {
    const registered: { name: string; fn: () => unknown; extra: unknown }[] = [];
    const test = (name: string, fn: () => unknown, extra?: unknown) => void registered.push({ name, fn, extra });
    test.only = (name: string, fn: () => unknown) =>
      void registered.push({ name: `only ${name}`, fn, extra: undefined });
    test.each = (rows: unknown[][]) => (name: string, fn: (...args: unknown[]) => unknown) => {
      for (const row of rows) registered.push({ name, fn: () => fn(...row), extra: row });
    };
    return { test, registered };
  }

  it('wraps every test body given to the test function, its modifiers and what they return', async () => {
    const { test, registered } = fakeRunner();
    const pumpedTest = pumpedTests(test);
    pumpedTest('plain', () => callbackKind(), 200);
    pumpedTest.only('only', () => callbackKind());
    pumpedTest.each([[1], [2]])('each', (n) => [n, callbackKind()]);
    expect(registered.map(({ name, extra }) => [name, extra])).toEqual([
      ['plain', 200],
      ['only only', undefined],
      ['each', [1]],
      ['each', [2]],
    ]);
    const outcomes = await Promise.all(registered.map(({ fn }) => fn()));
    expect(outcomes).toEqual([undefined, undefined, undefined, undefined]); // pumped bodies resolve to nothing
    const kinds: unknown[] = [];
    const { test: spyTest, registered: spied } = fakeRunner();
    pumpedTests(spyTest)('kind', () => kinds.push(callbackKind()));
    await spied[0]!.fn();
    expect(kinds).toEqual(['Immediate']);
  });

  it("leaves a function's inherited methods (call, bind) and other values as they are", () => {
    const { test } = fakeRunner();
    const pumpedTest = pumpedTests(Object.assign(test, { timeout: 5000 }));
    expect(pumpedTest.call).toBe(Function.prototype.call);
    expect(pumpedTest.timeout).toBe(5000);
  });

  it('refuses what is not a function', () => {
    expect(() => pumpedTests({} as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: pumpedTests(test): test must be a runner's test function; got object.]`,
    );
  });
});
