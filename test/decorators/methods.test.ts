/**
 * Promise-returning methods that are not `async`: `include` trusts a named method as a coroutine, `methods: 'all'`
 * gives every public method a variant that blocks only when the result is awaitable. The blocking calls run in a
 * child process (a vitest test body is a microtask, where the pump refuses); this body checks the refusals.
 */
import { describe, expect, it } from 'vitest';
import { describeVariants } from '../../src/subpaths/introspection.js';
import { exposeAsync, exposeSync, isReallyCoroutineFunction, SyncContextError } from '../../src/index.js';
import { fileURLToPath } from 'node:url';
import { lastJson, runNode } from '../helpers/child.js';
import { SdkAll, SdkAsync, SdkInclude } from './cases.js';

describe('what the decoration records', () => {
  it("include: the named methods are trusted as coroutines (reason 'included'), whatever they return", () => {
    const records = describeVariants(SdkInclude).map(({ method, variant, outcome, reason }) => [
      method,
      variant,
      outcome,
      reason,
    ]);
    expect(records).toEqual([
      ['aretrieve', undefined, 'excluded', 'native'],
      ['list', 'listSync', 'generated', 'included'],
      ['hello', 'helloSync', 'generated', 'included'],
      ['_request', undefined, 'excluded', 'native'],
      ['aiterUsers', undefined, 'excluded', 'async-generator'],
    ]);
    expect(isReallyCoroutineFunction(new SdkInclude(), 'list')).toBe(true);
    expect(isReallyCoroutineFunction(new SdkAsync(), 'list')).toBe(false); // the base class is untouched
  });

  it("methods: 'all': coroutines keep their reason, every other public method is 'all'", () => {
    const records = describeVariants(SdkAll).map(({ method, variant, reason }) => [method, variant, reason]);
    expect(records).toEqual([
      ['aretrieve', 'retrieveSync', 'native'],
      ['list', 'listSync', 'all'],
      ['thenable', 'thenableSync', 'all'],
      ['hello', 'helloSync', 'all'],
      ['maybe', 'maybeSync', 'all'],
      ['_request', '_requestSync', 'native'],
      ['aiterUsers', 'iterUsersSync', 'async-generator'],
      ['events', 'eventsSync', 'all'],
    ]);
    expect(isReallyCoroutineFunction(new SdkAll(), 'hello')).toBe(false); // 'all' does not call them coroutines
  });

  it('checks the option where the class is declared', () => {
    expect(() => exposeSync(SdkAsync, { methods: 'some' as never })).toThrowErrorMatchingInlineSnapshot(
      `[DecorationError: exposeSync(SdkAsync): option 'methods' must be one of 'async', 'all'; got "some" (a string).]`,
    );
    expect(() => exposeAsync(SdkAsync, { methods: 'all' } as never)).toThrowErrorMatchingInlineSnapshot(
      `[DecorationError: exposeAsync(SdkAsync): methods: an option of exposeSync; exposeAsync takes the sync methods.]`,
    );
    expect(() => exposeSync(SdkAsync, { include: ['status'] })).toThrow(
      /include names 'status', which is not an async method of SdkAsync/,
    );
  });
});

describe('inside a microtask (this test body), where the pump cannot block', () => {
  it('a trusted (included) method is refused before it starts', () => {
    const sdk = new SdkInclude();
    expect(() => sdk.listSync()).toThrow(SyncContextError);
    expect(() => sdk.listSync()).toThrow(/The work was not started/);
    expect(sdk.calls).toEqual([]);
  });

  it("under methods: 'all', a method returning a plain value returns it; one returning a promise is refused after it started", () => {
    const sdk = new SdkAll();
    expect(sdk.helloSync()).toBe('hi');
    expect(sdk.maybeSync(false)).toBe('now');
    expect(() => sdk.listSync()).toThrow(/The work had already started and goes on without a waiter/);
    expect(sdk.calls).toEqual(['hello', 'list']);
  });
});

describe('blocking from CommonJS top level (child process)', () => {
  it("methods: 'all' and include block on promises, subclasses and thenables, and return plain values at once", async () => {
    const result = await runNode([fileURLToPath(new URL('./fixtures/methods-all.cjs', import.meta.url))]);
    expect(lastJson(result), result.stderr).toEqual({
      list: { path: '/users' },
      request: { path: '/teams' },
      fail: { error: 'RangeError', message: 'bad page' },
      thenable: 42,
      version: '1.0',
      internal: 'undefined',
      included: { path: '/users' },
      includedOthers: [],
      requests: 2,
    });
  });
});
