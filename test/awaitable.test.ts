import { describe, expect, it } from 'vitest';
import { isAwaitable } from '../src/index.js';

describe('isAwaitable', () => {
  it('is true for promises, promise subclasses and any object or function with a callable then', () => {
    class TaggedPromise<T> extends Promise<T> {}
    const thenableFunction = Object.assign(() => {}, { then: () => {} });
    const inherited = Object.create({ then() {} }) as object;
    for (const value of [Promise.resolve(1), TaggedPromise.resolve(2), { then() {} }, thenableFunction, inherited]) {
      expect(isAwaitable(value)).toBe(true);
    }
  });

  it('is false for primitives, null, and objects whose then is not callable', () => {
    for (const value of [
      undefined,
      null,
      0,
      1,
      '',
      'then',
      true,
      10n,
      Symbol('then'),
      {},
      { then: 1 },
      { then: null },
      [],
      () => {},
    ]) {
      expect(isAwaitable(value)).toBe(false);
    }
  });

  it('never throws: a throwing then getter or a hostile Proxy counts as not awaitable', () => {
    const throwingGetter = Object.defineProperty({}, 'then', {
      get() {
        throw new Error('no then for you');
      },
    });
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(isAwaitable(throwingGetter)).toBe(false);
    expect(isAwaitable(hostile)).toBe(false);
  });
});
