/** Type tests for the core public API (run by `vitest run --typecheck`). */
import { describe, expectTypeOf, it } from 'vitest';
import {
  AsynchroError,
  DeadlockError,
  SyncContextError,
  SyncTimeoutError,
  awaitSync,
  desync,
  desynced,
  isAwaitable,
  isReallyCoroutineFunction,
  sync,
  synced,
  type CallableAwaitable,
  type CallableMaybeAwaitable,
  type MaybeAwaitable,
  type Strategy,
  type SyncOptions,
  type Thunk,
  type ThunkMaybeAwaitable,
} from 'asynchro-bridge';
import {
  type COROUTINE_KEY,
  type DESIGN_RETURN_TYPE_KEY,
  type WRAPS_KEY,
  coroutineReason,
  markCoroutine,
  markWrapper,
  type CoroutineReason,
} from 'asynchro-bridge/introspection';
import { pumpDepth } from 'asynchro-bridge/instrumentation';

describe('types', () => {
  it('Thunk and MaybeAwaitable family', () => {
    expectTypeOf<Thunk<number>>().toEqualTypeOf<() => number>();
    expectTypeOf<MaybeAwaitable<string>>().toEqualTypeOf<string | PromiseLike<string>>();
    expectTypeOf<CallableMaybeAwaitable<[number, string], boolean>>().toEqualTypeOf<
      (...args: [number, string]) => boolean | PromiseLike<boolean>
    >();
    expectTypeOf<CallableAwaitable<[number], string>>().toEqualTypeOf<(...args: [number]) => PromiseLike<string>>();
    expectTypeOf<ThunkMaybeAwaitable<number>>().toEqualTypeOf<() => number | PromiseLike<number>>();
    expectTypeOf(async () => 1).toMatchTypeOf<ThunkMaybeAwaitable<number>>();
    expectTypeOf(() => 1).toMatchTypeOf<ThunkMaybeAwaitable<number>>();
    expectTypeOf(async (x: number) => String(x)).toMatchTypeOf<CallableAwaitable<[number], string>>();
  });

  it('Strategy and SyncOptions', () => {
    expectTypeOf<Strategy>().toEqualTypeOf<'auto' | 'pump' | 'worker'>();
    expectTypeOf<SyncOptions['timeout']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SyncOptions['signal']>().toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf<SyncOptions['strategy']>().toEqualTypeOf<Strategy | undefined>();
    expectTypeOf({
      timeout: 100,
      signal: AbortSignal.timeout(1),
      strategy: 'pump' as const,
    }).toMatchTypeOf<SyncOptions>();
    // @ts-expect-error not a strategy
    const wrong: SyncOptions = { strategy: 'thread' };
    void wrong;
  });
});

describe('sync', () => {
  it('returns what the awaitable resolves to, or the plain result', () => {
    expectTypeOf(sync(async (x: number) => 'a', 1)).toEqualTypeOf<string>();
    expectTypeOf(sync(async () => 1)).toEqualTypeOf<number>();
    expectTypeOf(sync(() => Promise.resolve([1, 2]))).toEqualTypeOf<number[]>();
    expectTypeOf(sync((a: string, b: number) => a.length + b, 'x', 2)).toEqualTypeOf<number>();
    expectTypeOf(sync(async () => Promise.resolve(true))).toEqualTypeOf<boolean>();
    expectTypeOf(sync(async () => {})).toEqualTypeOf<void>();
  });

  it('rejects wrong arguments', () => {
    // @ts-expect-error wrong argument type
    sync(async (x: number) => 'a', 'one');
    // @ts-expect-error missing argument
    sync(async (x: number) => 'a');
    // @ts-expect-error extra argument
    sync(async (x: number) => 'a', 1, 2);
    // @ts-expect-error not a function
    sync(Promise.resolve(1));
  });
});

describe('awaitSync', () => {
  it('unwraps what you hold', () => {
    expectTypeOf(awaitSync(Promise.resolve('x'))).toEqualTypeOf<string>();
    expectTypeOf(awaitSync(7)).toEqualTypeOf<number>();
    expectTypeOf(awaitSync(Promise.resolve(1) as MaybeAwaitable<number>, { timeout: 5 })).toEqualTypeOf<number>();
    expectTypeOf(awaitSync).parameter(1).toEqualTypeOf<SyncOptions | undefined>();
    // @ts-expect-error not an option
    awaitSync(Promise.resolve(1), { timeout: '5' });
  });
});

describe('desync', () => {
  it('returns a Promise of the awaited result', () => {
    expectTypeOf(desync((x: number) => x + 1, 1)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(desync(async (x: number) => String(x), 1)).toEqualTypeOf<Promise<string>>();
    expectTypeOf(desync(() => Promise.resolve(true))).toEqualTypeOf<Promise<boolean>>();
    // @ts-expect-error wrong argument type
    desync((x: number) => x, 'one');
    // @ts-expect-error missing argument
    desync((x: number) => x);
  });
});

describe('synced and desynced', () => {
  async function fetchUser(id: number, verbose?: boolean): Promise<{ id: number }> {
    return { id: verbose ? id : 0 };
  }
  function add(a: number, b: number): number {
    return a + b;
  }

  it('keep the parameters and change the result', () => {
    const fetchUserSync = synced(fetchUser);
    expectTypeOf(fetchUserSync).parameters.toEqualTypeOf<[id: number, verbose?: boolean]>();
    expectTypeOf(fetchUserSync).returns.toEqualTypeOf<{ id: number }>();
    expectTypeOf(synced(fetchUser, { timeout: 1, strategy: 'pump' })(1)).toEqualTypeOf<{ id: number }>();

    const addAsync = desynced(add);
    expectTypeOf(addAsync).parameters.toEqualTypeOf<[a: number, b: number]>();
    expectTypeOf(addAsync).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(desynced(fetchUser)).returns.toEqualTypeOf<Promise<{ id: number }>>();

    // @ts-expect-error wrong argument type
    fetchUserSync('1');
    // @ts-expect-error missing argument
    addAsync(1);
  });

  it('keep `this`', () => {
    function describeThis(this: { prefix: string }, id: number): string {
      return this.prefix + id;
    }
    const method = synced(describeThis);
    expectTypeOf(method).thisParameter.toEqualTypeOf<{ prefix: string }>();
    expectTypeOf(desynced(describeThis)).thisParameter.toEqualTypeOf<{ prefix: string }>();
    expectTypeOf(method.call({ prefix: 'p' }, 1)).toEqualTypeOf<string>();
  });
});

describe('coroutine detection and metadata', () => {
  it('isAwaitable is a type guard', () => {
    const value: unknown = Promise.resolve(1);
    if (isAwaitable(value)) expectTypeOf(value).toEqualTypeOf<PromiseLike<unknown>>();
    expectTypeOf(isAwaitable).returns.toEqualTypeOf<boolean>();
  });

  it('isReallyCoroutineFunction takes a function or (target, key)', () => {
    expectTypeOf(isReallyCoroutineFunction(async () => 1)).toEqualTypeOf<boolean>();
    expectTypeOf(isReallyCoroutineFunction({}, 'method')).toEqualTypeOf<boolean>();
    expectTypeOf(isReallyCoroutineFunction({}, Symbol('method'))).toEqualTypeOf<boolean>();
    // @ts-expect-error the key must be a string or symbol
    isReallyCoroutineFunction({}, 1);
  });

  it('coroutineReason, markCoroutine, markWrapper and the keys', () => {
    expectTypeOf(coroutineReason(() => 1)).toEqualTypeOf<CoroutineReason | undefined>();
    expectTypeOf<CoroutineReason>().toEqualTypeOf<
      'native' | 'marked' | 'asynchro' | 'design-type' | 'wrapper' | 'included'
    >();
    const marked = markCoroutine((x: number) => Promise.resolve(x));
    expectTypeOf(marked).toEqualTypeOf<(x: number) => Promise<number>>();
    const wrapper = markWrapper((id: number) => fetchLike(id), fetchLike);
    expectTypeOf(wrapper).toEqualTypeOf<(id: number) => Promise<string>>();
    expectTypeOf<typeof COROUTINE_KEY>().toEqualTypeOf<'asynchro-bridge:coroutine'>();
    expectTypeOf<typeof WRAPS_KEY>().toEqualTypeOf<'asynchro-bridge:wraps'>();
    expectTypeOf<typeof DESIGN_RETURN_TYPE_KEY>().toEqualTypeOf<'design:returntype'>();
    expectTypeOf(pumpDepth()).toEqualTypeOf<number>();
  });
});

async function fetchLike(id: number): Promise<string> {
  return String(id);
}

describe('errors', () => {
  it('form one family with functionName, cause and timeout', () => {
    expectTypeOf(new SyncContextError('m')).toMatchTypeOf<AsynchroError>();
    expectTypeOf(new DeadlockError('m')).toMatchTypeOf<AsynchroError>();
    expectTypeOf(new SyncTimeoutError('m', 5)).toMatchTypeOf<AsynchroError>();
    expectTypeOf(new AsynchroError('m')).toMatchTypeOf<Error>();
    expectTypeOf(new AsynchroError('m').functionName).toEqualTypeOf<string | undefined>();
    expectTypeOf(new SyncTimeoutError('m', 5).timeout).toEqualTypeOf<number>();
    expectTypeOf(AsynchroError).constructorParameters.toEqualTypeOf<
      [message: string, options?: { cause?: unknown; functionName?: string }]
    >();
    expectTypeOf(SyncTimeoutError).constructorParameters.toEqualTypeOf<
      [message: string, timeout: number, options?: { functionName?: string }]
    >();
  });
});

describe('internal entry points stay out of the API', () => {
  it('has no Relocation type and no desyncInWorker', () => {
    // @ts-expect-error the relocation descriptor of a call is internal (src/strategies/relocation.ts)
    type NotExported = import('../src/index.js').Relocation;
    expectTypeOf<typeof import('../src/index.js')>().not.toHaveProperty('desyncInWorker');
  });
});
