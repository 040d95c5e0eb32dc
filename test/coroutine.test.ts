import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import {
  COROUTINE_KEY,
  DESIGN_RETURN_TYPE_KEY,
  WRAPS_KEY,
  coroutineReason,
  markCoroutine,
  markWrapper,
} from '../src/subpaths/introspection.js';
import { desynced, isReallyCoroutineFunction, synced } from '../src/index.js';

async function fetchUser(id: number): Promise<string> {
  return `user ${id}`;
}

describe('isReallyCoroutineFunction(fn)', () => {
  it('is true for native async functions in every form', () => {
    class Client {
      async load(): Promise<number> {
        return 1;
      }
      static async create(): Promise<Client> {
        return new Client();
      }
    }
    const asyncArrow = async (): Promise<void> => {};
    for (const fn of [fetchUser, asyncArrow, fetchUser.bind(null), Client.prototype.load, Client.create]) {
      expect(isReallyCoroutineFunction(fn)).toBe(true);
      expect(coroutineReason(fn)).toBe('native');
    }
  });

  it('is true for functions asynchro made async, wrappers of coroutines, and marked functions', () => {
    const deferred = desynced((x: number) => x + 1);
    expect(isReallyCoroutineFunction(deferred)).toBe(true);
    expect(coroutineReason(deferred)).toBe('asynchro');

    const wrapper = markWrapper((id: number) => fetchUser(id), fetchUser);
    expect(isReallyCoroutineFunction(wrapper)).toBe(true);
    expect(coroutineReason(wrapper)).toBe('wrapper');
    expect(Reflect.getOwnMetadata(WRAPS_KEY, wrapper)).toBe(fetchUser);

    const wrapperOfWrapper = markWrapper((id: number) => wrapper(id), wrapper);
    expect(coroutineReason(wrapperOfWrapper)).toBe('wrapper');

    const promiseReturning = markCoroutine(() => Promise.resolve(1));
    expect(isReallyCoroutineFunction(promiseReturning)).toBe(true);
    expect(coroutineReason(promiseReturning)).toBe('marked');
    expect(Reflect.getOwnMetadata(COROUTINE_KEY, promiseReturning)).toBe('marked');
  });

  it('is false for plain functions (even promise-returning ones), synced functions, wrappers of plain ones, and non-functions', () => {
    const plainWrapper = markWrapper(
      () => 1,
      () => 2,
    );
    const candidates: unknown[] = [
      () => 1,
      function named() {},
      () => Promise.resolve(1), // returns a promise, but nothing says so before calling it
      synced(fetchUser),
      plainWrapper,
      async function* generator() {},
      class {},
      undefined,
      null,
      0,
      'async',
      {},
      Promise.resolve(),
    ];
    for (const candidate of candidates) {
      expect(isReallyCoroutineFunction(candidate)).toBe(false);
      expect(coroutineReason(candidate)).toBeUndefined();
    }
    expect(Reflect.getOwnMetadata(COROUTINE_KEY, synced(fetchUser))).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    const trap = (): never => {
      throw new Error('trap');
    };
    const hostileFunction = new Proxy(async () => {}, {
      get: trap,
      getPrototypeOf: trap,
      has: trap,
      ownKeys: trap,
      getOwnPropertyDescriptor: trap,
    });
    const hostileObject = new Proxy(
      {},
      { get: trap, getPrototypeOf: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap },
    );
    expect(() => isReallyCoroutineFunction(hostileFunction)).not.toThrow();
    expect(typeof isReallyCoroutineFunction(hostileFunction)).toBe('boolean');
    expect(isReallyCoroutineFunction(hostileObject)).toBe(false);
    expect(isReallyCoroutineFunction(hostileObject, 'method')).toBe(false);
    expect(isReallyCoroutineFunction(Object.create(null))).toBe(false);
  });
});

describe('isReallyCoroutineFunction(target, key)', () => {
  class Service {
    load(): Promise<number> {
      return Promise.resolve(1);
    }
    count(): number {
      return 1;
    }
    notReally(): Promise<number> {
      return Promise.resolve(1);
    }
    marked(): PromiseLike<number> {
      return Promise.resolve(1);
    }
    async native(): Promise<number> {
      return 1;
    }
  }
  // what TypeScript's emitDecoratorMetadata writes for decorated members
  Reflect.defineMetadata(DESIGN_RETURN_TYPE_KEY, Promise, Service.prototype, 'load');
  Reflect.defineMetadata(DESIGN_RETURN_TYPE_KEY, Number, Service.prototype, 'count');
  Reflect.defineMetadata(DESIGN_RETURN_TYPE_KEY, Promise, Service.prototype, 'notReally');
  Reflect.defineMetadata(COROUTINE_KEY, false, Service.prototype, 'notReally'); // an explicit "no" wins
  Reflect.defineMetadata(COROUTINE_KEY, 'marked', Service.prototype, 'marked');

  it('reads design:returntype and the coroutine mark on the member', () => {
    expect(isReallyCoroutineFunction(Service.prototype, 'load')).toBe(true);
    expect(coroutineReason(Service.prototype.load, Service.prototype, 'load')).toBe('design-type');
    expect(isReallyCoroutineFunction(Service.prototype, 'marked')).toBe(true);
    expect(isReallyCoroutineFunction(Service.prototype, 'native')).toBe(true);
    expect(isReallyCoroutineFunction(Service.prototype, 'count')).toBe(false);
    expect(isReallyCoroutineFunction(Service.prototype, 'notReally')).toBe(false);
    expect(isReallyCoroutineFunction(Service.prototype, 'missing')).toBe(false);
  });

  it('works on instances too (metadata is found through the prototype chain)', () => {
    expect(isReallyCoroutineFunction(new Service(), 'load')).toBe(true);
    expect(isReallyCoroutineFunction(new Service(), 'count')).toBe(false);
  });

  it('without metadata, a plain promise-returning method is not a coroutine', () => {
    expect(isReallyCoroutineFunction(Service.prototype.load)).toBe(false);
  });
});
