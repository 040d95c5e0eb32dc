import { describe, expectTypeOf, it } from 'vitest';
import type { AsyncMethods, SyncMethods } from '../../src/index.js';
import type { AsyncName, SyncName } from '../../src/subpaths/introspection.js';
import { desync, exposeSync, exposeAsync } from '../../src/index.js';
import type { AMBIGUOUS_NAMES, KEPT_WORDS, STRIPPED_NAMES } from './naming-table.js';
import {
  SdkAll,
  SdkAllRenamed,
  type SdkAsync,
  SdkDefault,
  SdkInclude,
  type sdkModes,
  type sdkSyncNames,
} from './cases.js';
import {
  Api,
  ApiAsync,
  apiOptions,
  type apiStaticSyncNames,
  type apiSyncNames,
  AsyncLegacyApi,
  LegacyApi,
  type legacyAsyncNames,
  legacyOptions,
} from './cases.js';

describe('type-level names', () => {
  it('follow the naming table', () => {
    expectTypeOf<SyncName<'afoo'>>().toEqualTypeOf<'fooSync'>();
    expectTypeOf<SyncName<'aFoo'>>().toEqualTypeOf<'fooSync'>();
    expectTypeOf<SyncName<'agetUser'>>().toEqualTypeOf<'getUserSync'>();
    expectTypeOf<SyncName<'aGetUser'>>().toEqualTypeOf<'getUserSync'>();
    expectTypeOf<SyncName<'abort'>>().toEqualTypeOf<'abortSync'>();
    expectTypeOf<SyncName<'abortAll'>>().toEqualTypeOf<'abortAllSync'>();
    expectTypeOf<SyncName<'addUser'>>().toEqualTypeOf<'addUserSync'>();
    expectTypeOf<SyncName<'aabort'>>().toEqualTypeOf<'abortSync'>();
    expectTypeOf<SyncName<'getUser'>>().toEqualTypeOf<'getUserSync'>();
    expectTypeOf<SyncName<'a'>>().toEqualTypeOf<'aSync'>();
    expectTypeOf<SyncName<'a1'>>().toEqualTypeOf<'a1Sync'>();
    expectTypeOf<SyncName<'a_foo'>>().toEqualTypeOf<'a_fooSync'>();
    expectTypeOf<SyncName<'_afoo'>>().toEqualTypeOf<'_afooSync'>();
    expectTypeOf<AsyncName<'fooSync'>>().toEqualTypeOf<'afoo'>();
    expectTypeOf<AsyncName<'getUserSync'>>().toEqualTypeOf<'agetUser'>();
    expectTypeOf<AsyncName<'compute'>>().toEqualTypeOf<'acompute'>();
    expectTypeOf<AsyncName<'Sync'>>().toEqualTypeOf<'aSync'>();
  });

  it('keep the words issue 10 lists, and strip the prefix of its async names, as the runtime does (names.test.ts)', () => {
    type Kept = (typeof KEPT_WORDS)[number];
    expectTypeOf<SyncName<Kept>>().toEqualTypeOf<`${Kept}Sync`>();
    expectTypeOf<SyncName<`${Kept}List`>>().toEqualTypeOf<`${Kept}ListSync`>();
    expectTypeOf<SyncName<`a${Kept}`>>().toEqualTypeOf<`${Kept}Sync`>();
    // Each pair [async name, sync name]: the mapped tuple is all `true` exactly when every pair agrees.
    type Agrees<T> = {
      [I in keyof T]: T[I] extends readonly [infer A extends string, infer S]
        ? [SyncName<A>] extends [S]
          ? true
          : A
        : never;
    };
    expectTypeOf<Agrees<typeof STRIPPED_NAMES>[number]>().toEqualTypeOf<true>();
    type Ambiguous = (typeof AMBIGUOUS_NAMES)[number];
    expectTypeOf<SyncName<Ambiguous>>().toEqualTypeOf<`${Ambiguous}Sync`>();
  });

  it('equal the runtime lists in every `methods` mode and with `include` (names.test.ts checks the runtime side)', () => {
    expectTypeOf<keyof SyncMethods<SdkAsync, typeof sdkModes.default>>().toEqualTypeOf<
      (typeof sdkSyncNames.default)[number]
    >();
    expectTypeOf<keyof SyncMethods<SdkAsync, typeof sdkModes.include>>().toEqualTypeOf<
      (typeof sdkSyncNames.include)[number]
    >();
    expectTypeOf<keyof SyncMethods<SdkAsync, typeof sdkModes.all>>().toEqualTypeOf<(typeof sdkSyncNames.all)[number]>();
    expectTypeOf<keyof SyncMethods<SdkAsync, typeof sdkModes.allRenamed>>().toEqualTypeOf<
      (typeof sdkSyncNames.allRenamed)[number]
    >();
    const modes = { default: SdkDefault, include: SdkInclude, all: SdkAll, allRenamed: SdkAllRenamed };
    type Added<M extends keyof typeof modes> = Exclude<keyof InstanceType<(typeof modes)[M]>, keyof SdkAsync>;
    expectTypeOf<Added<'default'>>().toEqualTypeOf<(typeof sdkSyncNames.default)[number]>();
    expectTypeOf<Added<'include'>>().toEqualTypeOf<(typeof sdkSyncNames.include)[number]>();
    expectTypeOf<Added<'all'>>().toEqualTypeOf<(typeof sdkSyncNames.all)[number]>();
    expectTypeOf<Added<'allRenamed'>>().toEqualTypeOf<(typeof sdkSyncNames.allRenamed)[number]>();
    // The signatures: the awaited result, whatever the method returns.
    const sdk = new SdkAll();
    expectTypeOf(sdk.listSync).toEqualTypeOf<() => string[]>();
    expectTypeOf(sdk.thenableSync).toEqualTypeOf<() => number>();
    expectTypeOf(sdk.helloSync).toEqualTypeOf<() => string>();
    expectTypeOf(sdk.maybeSync).toEqualTypeOf<(flag: boolean) => string>();
    expectTypeOf(sdk.iterUsersSync).toEqualTypeOf<(pages: number) => Iterable<string>>();
    expectTypeOf(sdk.eventsSync).toEqualTypeOf<() => Iterable<number>>();
    expectTypeOf(new SdkDefault().iterUsersSync).toEqualTypeOf<(pages: number) => Iterable<string>>();
    // @ts-expect-error the default mode promises no variant for a method returning a Promise subclass (not async)
    new SdkDefault().listSync;
  });

  it('equal the runtime lists, with renamed, excluded and kept methods (names.test.ts checks the runtime side)', () => {
    expectTypeOf<keyof SyncMethods<ApiAsync, typeof apiOptions>>().toEqualTypeOf<(typeof apiSyncNames)[number]>();
    expectTypeOf<keyof SyncMethods<typeof ApiAsync, typeof apiOptions>>().toEqualTypeOf<
      (typeof apiStaticSyncNames)[number]
    >();
    expectTypeOf<Exclude<keyof InstanceType<typeof Api>, keyof ApiAsync>>().toEqualTypeOf<
      (typeof apiSyncNames)[number]
    >();
    expectTypeOf<keyof AsyncMethods<LegacyApi, typeof legacyOptions>>().toEqualTypeOf<
      (typeof legacyAsyncNames)[number]
    >();
    expectTypeOf<Exclude<keyof InstanceType<typeof AsyncLegacyApi>, keyof LegacyApi>>().toEqualTypeOf<
      (typeof legacyAsyncNames)[number]
    >();
  });
});

describe('signatures', () => {
  it('unwrap the promise and keep the parameters', () => {
    const api = new Api('b');
    expectTypeOf(api.getUserSync).toEqualTypeOf<(id: number) => { id: number; base: string }>();
    expectTypeOf(api.getTeamSync).parameters.toEqualTypeOf<[name: string, size?: number]>();
    expectTypeOf(api.abortSync).returns.toEqualTypeOf<void>();
    expectTypeOf(Api.statsSync).toEqualTypeOf<() => number>();
    expectTypeOf(api.agetUser).returns.resolves.toEqualTypeOf<{ id: number; base: string }>();
    // @ts-expect-error excluded
    api.secretSync;
    // @ts-expect-error renamed to false
    api.hiddenSync;
    // @ts-expect-error renamed to checkSync
    api.pingSync;
  });

  it('wrap the result in a promise for async variants', () => {
    const legacy = new AsyncLegacyApi();
    expectTypeOf(legacy.agetUser).toEqualTypeOf<(id: number) => Promise<{ id: number }>>();
    expectTypeOf(legacy.afail).toEqualTypeOf<() => Promise<never>>();
    expectTypeOf(legacy.astatus).toEqualTypeOf<() => Promise<string>>();
    expectTypeOf(legacy.aexisting).toEqualTypeOf<() => Promise<string>>(); // the author's, unchanged
  });

  it('keep the class: constructor parameters, statics, instanceof, subclassing', () => {
    expectTypeOf<ConstructorParameters<typeof Api>>().toEqualTypeOf<[base: string]>();
    expectTypeOf(Api.astats).toEqualTypeOf<() => Promise<number>>();
    expectTypeOf(new Api('x')).toMatchTypeOf<ApiAsync>();
    class Sub extends Api {
      async aextra(): Promise<boolean> {
        return true;
      }
    }
    const Again = exposeSync(Sub);
    expectTypeOf(new Again('x').extraSync).toEqualTypeOf<() => boolean>();
    expectTypeOf(new Again('x').getUserSync).toEqualTypeOf<(id: number) => { id: number; base: string }>();
    expectTypeOf(Again.statsSync).toEqualTypeOf<() => number>(); // inherited from Api, which had statics: true
    const NoStatics = exposeSync(ApiAsync);
    expectTypeOf<'statsSync' extends keyof typeof NoStatics ? true : false>().toEqualTypeOf<false>();
    expectTypeOf(NoStatics.astats).toEqualTypeOf<() => Promise<number>>();
  });

  it('type a rename function as unknown names (declare them yourself)', () => {
    const Renamed = exposeSync(ApiAsync, {
      rename: (method, defaultName) => {
        // the function's parameters are typed from the options (no annotation needed under strict)
        expectTypeOf(method).toEqualTypeOf<string>();
        expectTypeOf(defaultName).toEqualTypeOf<string>();
        return `${method}Blocking`;
      },
    });
    expectTypeOf<Exclude<keyof InstanceType<typeof Renamed>, keyof ApiAsync>>().toEqualTypeOf<never>();
    const Reversed = exposeAsync(LegacyApi, { rename: () => undefined });
    expectTypeOf<Exclude<keyof InstanceType<typeof Reversed>, keyof LegacyApi>>().toEqualTypeOf<never>();
  });
});

describe('the decorator form', () => {
  it('is typed by declaration merging', () => {
    interface Client extends SyncMethods<ApiAsync, typeof apiOptions> {}
    @exposeSync(apiOptions)
    class Client extends ApiAsync {}
    expectTypeOf(new Client('x').getUserSync(1)).toEqualTypeOf<{ id: number; base: string }>();
    expectTypeOf(new Client('x').checkSync()).toEqualTypeOf<string>();
    @exposeSync
    class Bare extends ApiAsync {}
    expectTypeOf(Bare).toEqualTypeOf<typeof Bare>();
  });
});

describe('desync', () => {
  it('is typed as the class decorator for a class, and as the core call for a function', () => {
    expectTypeOf(desync(() => 5)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(desync((x: number, y: string) => `${x}${y}`, 1, 'a')).toEqualTypeOf<Promise<string>>();
    expectTypeOf(desync(async (x: number) => x, 1)).toEqualTypeOf<Promise<number>>();
    const Reversed = desync(LegacyApi, legacyOptions);
    expectTypeOf<Exclude<keyof InstanceType<typeof Reversed>, keyof LegacyApi>>().toEqualTypeOf<
      (typeof legacyAsyncNames)[number]
    >();
    expectTypeOf(new (desync(LegacyApi))().agetUser).toEqualTypeOf<(id: number) => Promise<{ id: number }>>();
    // @ts-expect-error the arguments must fit the function
    desync((x: number) => x, 'one');
    @desync
    class Bare extends LegacyApi {}
    @desync({ exclude: ['compute'] })
    class WithOptions extends LegacyApi {}
    expectTypeOf(Bare).toEqualTypeOf<typeof Bare>();
    expectTypeOf(WithOptions).toEqualTypeOf<typeof WithOptions>();
  });
});
