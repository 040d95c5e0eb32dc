/** Type tests for asynchro-bridge/testing (run by `vitest run --typecheck`): its functions fit each runner's test. */
import { test as jestTest } from '@jest/globals';
import { type TestContext, test as nodeTest } from 'node:test';
import { describe, expectTypeOf, it, test as vitestTest } from 'vitest';
import { pumped, pumpedTests, runPumped } from '../src/testing/index.js';

describe('runPumped', () => {
  it("resolves with the function's value, awaited", () => {
    expectTypeOf(runPumped(() => 42)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(runPumped(async () => 'pet')).toEqualTypeOf<Promise<string>>();
    expectTypeOf(runPumped(() => {})).toEqualTypeOf<Promise<void>>();
  });
});

describe('pumped', () => {
  it("keeps the body's parameters and `this`, and returns a promise of nothing", () => {
    expectTypeOf(pumped(() => 42)).toEqualTypeOf<() => Promise<void>>();
    expectTypeOf(pumped(async (t: TestContext) => t.name)).toEqualTypeOf<(t: TestContext) => Promise<void>>();
    expectTypeOf(pumped(function (this: { timeout(ms: number): void }) {})).toEqualTypeOf<
      (this: { timeout(ms: number): void }) => Promise<void>
    >();
  });

  it("is a test function for jest, vitest and node:test, whatever the body's value", () => {
    jestTest(
      'sync',
      pumped(() => 42),
    );
    jestTest(
      'async',
      pumped(async () => 'pet'),
    );
    vitestTest(
      'sync',
      pumped(() => 42),
    );
    vitestTest(
      'context',
      pumped(({ task }) => task.name),
    );
    nodeTest(
      'sync',
      pumped(() => 42),
    );
    nodeTest(
      'context',
      { timeout: 200 },
      pumped((t: TestContext) => t.name),
    );
  });

  it('takes a function only', () => {
    // @ts-expect-error a body is a function
    pumped('not a function');
  });
});

describe('pumpedTests', () => {
  it("is the runner's test function, with its type", () => {
    expectTypeOf(pumpedTests(vitestTest)).toEqualTypeOf<typeof vitestTest>();
    expectTypeOf(pumpedTests(jestTest)).toEqualTypeOf<typeof jestTest>();
    expectTypeOf(pumpedTests(nodeTest)).toEqualTypeOf<typeof nodeTest>();
  });

  it('takes a function only', () => {
    // @ts-expect-error a runner's test function
    pumpedTests({});
  });
});
