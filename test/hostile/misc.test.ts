/**
 * Smaller findings of the hostile probes (issue 9, "also"): a variant renamed to a name every object has is refused
 * instead of silently generating nothing, and a thenable that fulfils with another thenable is unwrapped, as a
 * promise would be.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exposeSync } from '../../src/index.js';
import { lastJson, runNode } from '../helpers/child.js';

class Api {
  async aget(): Promise<string> {
    return 'got';
  }
  static async alist(): Promise<string[]> {
    return [];
  }
}

describe('rename to a reserved name', () => {
  it('is a DecorationError naming what owns the name', () => {
    expect(() => exposeSync(Api, { rename: { aget: 'constructor' } })).toThrowErrorMatchingInlineSnapshot(
      `[DecorationError: exposeSync(Api): the variant of aget would be named constructor, which is the class constructor; choose another name (the rename option, or @syncName / @asyncName).]`,
    );
    expect(() => exposeSync(Api, { rename: () => 'toString' })).toThrowErrorMatchingInlineSnapshot(
      `[DecorationError: exposeSync(Api): the variant of aget would be named toString, which is Object.prototype.toString; choose another name (the rename option, or @syncName / @asyncName).]`,
    );
    expect(() => exposeSync(Api, { rename: { aget: '__proto__' } })).toThrow(
      /would be named __proto__, which is Object.prototype.__proto__/,
    );
    expect(() => exposeSync(Api, { statics: true, rename: { alist: 'bind' } })).toThrow(
      /static alist would be named bind, which is Function.prototype.bind/,
    );
    // `then` would make every instance a thenable: awaiting one would call the variant
    expect(() => exposeSync(Api, { rename: { aget: 'then' } })).toThrowErrorMatchingInlineSnapshot(
      `[DecorationError: exposeSync(Api): the variant of aget would be named then, which is the name await calls: every instance would become a thenable; choose another name (the rename option, or @syncName / @asyncName).]`,
    );
    expect(() => exposeSync(Api, { statics: true, rename: { alist: 'then' } })).toThrow(
      /static alist would be named then/,
    );
  });
});

describe('a thenable fulfilled with a thenable', () => {
  it('is followed to its value; one fulfilled with itself is a TypeError, not a hang', async () => {
    const child = await runNode([fileURLToPath(new URL('../fixtures/hostile/thenable-chain.cjs', import.meta.url))]);
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({
      awaitSync: 'deep',
      sync: 'deep',
      viaPromise: 'from a promise',
      itself: 'TypeError: asynchro-bridge: a thenable fulfilled with itself',
      thenReads: { sync: 1, awaitSync: 1, chained: 2, withTimeout: 1, decorated: 1 },
    });
  });
});
