/**
 * Classes whose variant names are checked at both levels: types.test-d.ts holds the type-level names equal to
 * these lists, names.test.ts holds the runtime names equal to them. Function form only: no decorator syntax, so
 * vitest can run it as is.
 */
import { exposeAsync, exposeSync } from '../../src/index.js';

export class ApiAsync {
  constructor(readonly base: string) {}
  async agetUser(id: number): Promise<{ id: number; base: string }> {
    return { id, base: this.base };
  }
  async aGetTeam(name: string, size = 2): Promise<string[]> {
    return Array.from({ length: size }, (_, i) => `${name}${i}`);
  }
  async abort(): Promise<void> {}
  async addUser(name: string): Promise<number> {
    return name.length;
  }
  async aadd(x: number, y: number): Promise<number> {
    return x + y;
  }
  async load(): Promise<string> {
    return 'loaded';
  }
  async a1(): Promise<number> {
    return 1;
  }
  async aping(): Promise<string> {
    return 'pong';
  }
  async asecret(): Promise<string> {
    return 'secret';
  }
  async ahidden(): Promise<string> {
    return 'hidden';
  }
  hello(): string {
    return 'hi';
  }
  maybe(): string | Promise<string> {
    return 'sync at runtime';
  }
  static async astats(): Promise<number> {
    return 3;
  }
}

export const apiOptions = {
  rename: { aping: 'checkSync', ahidden: false },
  exclude: ['asecret'],
  statics: true,
} as const;
export const Api = exposeSync(ApiAsync, apiOptions);
export const apiSyncNames = [
  'getUserSync',
  'getTeamSync',
  'abortSync',
  'addUserSync',
  'addSync',
  'loadSync',
  'a1Sync',
  'checkSync',
] as const;
export const apiStaticSyncNames = ['statsSync'] as const;

export class LegacyApi {
  getUserSync(id: number): { id: number } {
    return { id };
  }
  compute(x: number): number {
    return x * 2;
  }
  resetSync(): void {}
  fail(): never {
    throw new RangeError('failed');
  }
  statusSync(): string | Promise<string> {
    return 'ok';
  }
  async aexisting(): Promise<string> {
    return 'the author wrote it';
  }
  existingSync(): string {
    return 'existing';
  }
  static versionSync(): string {
    return '1';
  }
}

export const legacyOptions = { rename: { compute: 'acalculate' }, exclude: ['resetSync'] } as const;
export const AsyncLegacyApi = exposeAsync(LegacyApi, legacyOptions);
export const legacyAsyncNames = ['agetUser', 'acalculate', 'afail', 'astatus'] as const;

/** A Promise subclass, as Stainless-generated SDKs return (`APIPromise`): never the return type of an `async` method. */
export class ApiPromise<T> extends Promise<T> {
  static of<T>(value: T): ApiPromise<T> {
    return new ApiPromise<T>((resolve) => setTimeout(() => resolve(value), 1));
  }
  withResponse(): Promise<{ data: T }> {
    return this.then((data) => ({ data }));
  }
}

/** Every kind of member `methods` and `include` judge. */
export class SdkAsync {
  calls: string[] = [];
  async aretrieve(id: string): Promise<{ id: string }> {
    return { id };
  }
  list(): ApiPromise<string[]> {
    this.calls.push('list');
    return ApiPromise.of(['a', 'b']);
  }
  thenable(): PromiseLike<number> {
    return { then: (resolve) => Promise.resolve(7).then(resolve) };
  }
  hello(): string {
    this.calls.push('hello');
    return 'hi';
  }
  maybe(flag: boolean): string | Promise<string> {
    return flag ? Promise.resolve('later') : 'now';
  }
  async _request(path: string): Promise<string> {
    return `GET ${path}`;
  }
  _build(): ApiPromise<string> {
    return ApiPromise.of('built');
  }
  async *aiterUsers(pages: number): AsyncGenerator<string> {
    for (let page = 0; page < pages; page++) yield `user${page}`;
  }
  events(): AsyncIterable<number> {
    return (async function* () {
      yield 1;
    })();
  }
  resetSync(): void {}
  get status(): string {
    return 'ok';
  }
}

export const sdkModes = {
  default: {},
  include: { include: ['list', 'hello'] },
  all: { methods: 'all' },
  allRenamed: { methods: 'all', exclude: ['maybe'], rename: { hello: 'greetSync' } },
} as const;
export const SdkDefault = exposeSync(SdkAsync, sdkModes.default);
export const SdkInclude = exposeSync(SdkAsync, sdkModes.include);
export const SdkAll = exposeSync(SdkAsync, sdkModes.all);
export const SdkAllRenamed = exposeSync(SdkAsync, sdkModes.allRenamed);
export const sdkSyncNames = {
  default: ['retrieveSync', '_requestSync', 'iterUsersSync'],
  include: ['listSync', 'helloSync'],
  all: [
    'retrieveSync',
    'listSync',
    'thenableSync',
    'helloSync',
    'maybeSync',
    '_requestSync',
    'iterUsersSync',
    'eventsSync',
  ],
  allRenamed: ['retrieveSync', 'listSync', 'thenableSync', 'greetSync', '_requestSync', 'iterUsersSync', 'eventsSync'],
} as const;
