import { describe, expectTypeOf, it } from 'vitest';
import {
  collectStats,
  DESYNC_CHANNEL,
  setReentrancyPolicy,
  SYNC_CHANNEL,
  type CallStats,
  type DesyncCallContext,
  type StatsCollector,
  type SyncCallContext,
} from '../../src/subpaths/instrumentation.js';
import {
  ReentrancyError,
  synced,
  type AsynchroError,
  type ReentrancyPolicy,
  type SyncOptions,
} from '../../src/index.js';

describe('instrumentation types', () => {
  it('channel names and context objects', () => {
    expectTypeOf(SYNC_CHANNEL).toEqualTypeOf<'asynchro-bridge:sync'>();
    expectTypeOf(DESYNC_CHANNEL).toEqualTypeOf<'asynchro-bridge:desync'>();
    expectTypeOf<SyncCallContext['strategy']>().toEqualTypeOf<'direct' | 'pump' | 'worker' | undefined>();
    expectTypeOf<SyncCallContext['depth']>().toEqualTypeOf<number>();
    expectTypeOf<SyncCallContext['blockedMs']>().toEqualTypeOf<number>();
    expectTypeOf<DesyncCallContext['strategy']>().toEqualTypeOf<'coroutine' | 'deferred' | 'worker' | undefined>();
  });

  it('collectStats', () => {
    expectTypeOf(collectStats).toEqualTypeOf<() => StatsCollector>();
    expectTypeOf<ReturnType<StatsCollector['rows']>>().toEqualTypeOf<CallStats[]>();
    expectTypeOf<StatsCollector['table']>().returns.toEqualTypeOf<string>();
    expectTypeOf<CallStats['strategies']>().toEqualTypeOf<Partial<Record<'direct' | 'pump' | 'worker', number>>>();
  });

  it('re-entrancy policy', () => {
    expectTypeOf<ReentrancyPolicy>().toEqualTypeOf<'allow' | 'warn' | 'throw'>();
    expectTypeOf(setReentrancyPolicy).parameter(0).toEqualTypeOf<ReentrancyPolicy>();
    expectTypeOf<SyncOptions['reentrancy']>().toEqualTypeOf<ReentrancyPolicy | undefined>();
    expectTypeOf(new ReentrancyError('x')).toMatchTypeOf<AsynchroError>();
    // @ts-expect-error not a policy
    synced(async () => 1, { reentrancy: 'sometimes' });
  });
});
