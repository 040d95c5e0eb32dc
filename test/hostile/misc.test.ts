/**
 * Smaller findings of the hostile probes (issue 9, "also"): a variant renamed to a name every object has is refused
 * instead of silently generating nothing, and a thenable that fulfils with another thenable is unwrapped, as a
 * promise would be.
 */
import { describe, expect, it } from 'vitest';
import { exposeSync } from '../../src/index.js';
import { lastJson, runScript } from '../helpers/child.js';

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
  });
});

describe('a thenable fulfilled with a thenable', () => {
  it('is followed to its value; one fulfilled with itself is a TypeError, not a hang', async () => {
    const child = await runScript(
      `const { awaitSync, sync } = require('asynchro');
const inner = { then(resolve) { setImmediate(() => resolve('deep')); } };
const outer = { then(resolve) { resolve(inner); } };
const viaPromise = { then(resolve) { resolve(Promise.resolve('from a promise')); } };
const itself = { then(resolve) { resolve(itself); } };
const outcome = (run) => { try { return run(); } catch (error) { return error.constructor.name + ': ' + error.message; } };
console.log(JSON.stringify({
  awaitSync: outcome(() => awaitSync(outer)),
  sync: outcome(() => sync(() => outer)),
  viaPromise: outcome(() => awaitSync(viaPromise)),
  itself: outcome(() => awaitSync(itself)),
}));`,
      'cjs',
    );
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({
      awaitSync: 'deep',
      sync: 'deep',
      viaPromise: 'from a promise',
      itself: 'TypeError: asynchro: a thenable fulfilled with itself',
    });
  });
});
