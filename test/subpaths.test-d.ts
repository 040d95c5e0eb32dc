// The package's entries as TypeScript sees them through package.json's `exports` (the built declarations): each
// entry's runtime names are exactly those test/packaging.test.ts finds at run time, each type is in the entry that
// documents it (docs/api.md), and the root no longer offers what moved to a subpath.
import { describe, expectTypeOf, it } from 'vitest';
import type * as root from 'asynchro-bridge';
import {
  describeVariants,
  ENGLISH_A_WORDS,
  STRATEGIES,
  syncNameOf,
  type AsyncName,
  type CoroutineReason,
  type EnglishAWord,
  type SyncName,
  type VariantRecord,
} from 'asynchro-bridge/introspection';
import type * as introspection from 'asynchro-bridge/introspection';
import {
  collectStats,
  MAX_PUMP_DEPTH,
  pumpDepth,
  type CallStats,
  type DesyncCallContext,
  type DesyncStrategyUsed,
  type StatsCollector,
  type SyncCallContext,
  type SyncStrategyUsed,
} from 'asynchro-bridge/instrumentation';
import type * as instrumentation from 'asynchro-bridge/instrumentation';
import { addWorkerContext, terminateWorkers, type WorkerContext } from 'asynchro-bridge/worker';
import type * as worker from 'asynchro-bridge/worker';
import type { ModuleReference, Strategy } from 'asynchro-bridge';

describe('each entry offers exactly its runtime names', () => {
  it('the root: what an SDK author and its users call or catch', () => {
    expectTypeOf<keyof typeof root>().toEqualTypeOf<
      | 'sync'
      | 'synced'
      | 'awaitSync'
      | 'desync'
      | 'desynced'
      | 'syncView'
      | 'workerSynced'
      | 'relocatableSynced'
      | 'workerDesynced'
      | 'registerErrorClasses'
      | 'exposeSync'
      | 'exposeAsync'
      | 'coroutine'
      | 'syncName'
      | 'asyncName'
      | 'isAwaitable'
      | 'isReallyCoroutineFunction'
      | 'currentSignal'
      | 'AsynchroError'
      | 'SyncContextError'
      | 'DivergenceError'
      | 'DeadlockError'
      | 'SyncTimeoutError'
      | 'SyncDepthError'
      | 'PumpUnavailableError'
      | 'ReentrancyError'
      | 'DecorationError'
      | 'WorkerStartupError'
      | 'WorkerExitError'
      | 'WorkerCloneError'
      | 'WorkerRecursionError'
      | 'WorkerLimitError'
    >();
  });

  it('asynchro-bridge/introspection', () => {
    expectTypeOf<keyof typeof introspection>().toEqualTypeOf<
      | 'coroutineReason'
      | 'markCoroutine'
      | 'markWrapper'
      | 'describeVariants'
      | 'syncNameOf'
      | 'asyncNameOf'
      | 'ENGLISH_A_WORDS'
      | 'COROUTINE_KEY'
      | 'WRAPS_KEY'
      | 'DESIGN_RETURN_TYPE_KEY'
      | 'SYNC_NAME_KEY'
      | 'ASYNC_NAME_KEY'
      | 'VARIANT_KEY'
      | 'VARIANTS_KEY'
      | 'STRATEGIES'
      | 'REENTRANCY_POLICIES'
      | 'DIVERGENCE_POLICIES'
      | 'MAX_TIMEOUT_MS'
    >();
  });

  it('asynchro-bridge/instrumentation', () => {
    expectTypeOf<keyof typeof instrumentation>().toEqualTypeOf<
      'SYNC_CHANNEL' | 'DESYNC_CHANNEL' | 'collectStats' | 'setReentrancyPolicy' | 'pumpDepth' | 'MAX_PUMP_DEPTH'
    >();
  });

  it('asynchro-bridge/worker', () => {
    expectTypeOf<keyof typeof worker>().toEqualTypeOf<'addWorkerContext' | 'setWorkerRunner' | 'terminateWorkers'>();
  });
});

describe('the types each subpath documents', () => {
  it('introspection: coroutine reasons, variant records, the word list and type-level names', () => {
    expectTypeOf(describeVariants).returns.toEqualTypeOf<VariantRecord[]>();
    expectTypeOf<CoroutineReason>().toMatchTypeOf<NonNullable<VariantRecord['reason']>>();
    expectTypeOf(ENGLISH_A_WORDS).toEqualTypeOf<readonly EnglishAWord[]>();
    expectTypeOf<'agents'>().toMatchTypeOf<EnglishAWord>();
    expectTypeOf(syncNameOf).returns.toEqualTypeOf<string>();
    expectTypeOf<SyncName<'agetUser'>>().toEqualTypeOf<'getUserSync'>();
    expectTypeOf<AsyncName<'getUserSync'>>().toEqualTypeOf<'agetUser'>();
    expectTypeOf(STRATEGIES).toEqualTypeOf<readonly ['auto', 'pump', 'worker']>();
    expectTypeOf<(typeof STRATEGIES)[number]>().toEqualTypeOf<Strategy>();
  });

  it('instrumentation: channel contexts, stats, the pump depth and its limit', () => {
    expectTypeOf<SyncCallContext['strategy']>().toEqualTypeOf<SyncStrategyUsed | undefined>();
    expectTypeOf<DesyncCallContext['strategy']>().toEqualTypeOf<DesyncStrategyUsed | undefined>();
    expectTypeOf(collectStats).returns.toEqualTypeOf<StatsCollector>();
    expectTypeOf<ReturnType<StatsCollector['rows']>>().toEqualTypeOf<CallStats[]>();
    expectTypeOf(pumpDepth).toEqualTypeOf<() => number>();
    expectTypeOf(MAX_PUMP_DEPTH).toEqualTypeOf<number>();
  });

  it('worker: context carriers and stopping the pool', () => {
    expectTypeOf(addWorkerContext).parameter(0).toEqualTypeOf<WorkerContext>();
    expectTypeOf(addWorkerContext).returns.toEqualTypeOf<() => void>();
    expectTypeOf<WorkerContext['module']>().toEqualTypeOf<ModuleReference>();
    expectTypeOf(terminateWorkers).returns.toEqualTypeOf<Promise<void>>();
  });
});

describe('the root no longer offers what moved', () => {
  it('has none of the subpaths’ types', () => {
    // @ts-expect-error in asynchro-bridge/introspection
    type A = root.CoroutineReason;
    // @ts-expect-error in asynchro-bridge/introspection
    type B = root.EnglishAWord;
    // @ts-expect-error in asynchro-bridge/introspection
    type C = root.SyncName<'afoo'>;
    // @ts-expect-error in asynchro-bridge/instrumentation
    type D = root.SyncCallContext;
    // @ts-expect-error in asynchro-bridge/instrumentation
    type E = root.StatsCollector;
    // @ts-expect-error in asynchro-bridge/worker
    type F = root.WorkerContext;
  });
});
