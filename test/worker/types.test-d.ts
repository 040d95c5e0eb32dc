import { describe, expectTypeOf, it } from 'vitest';
import { addWorkerContext, type WorkerContext } from '../../src/subpaths/worker.js';
import { relocatableSynced, workerDesynced, workerSynced } from '../../src/index.js';

declare function fetchUser(id: number, options?: { fresh: boolean }): Promise<{ id: number; name: string }>;
declare function countPrimes(below: number): number;
const where = new URL('file:///api.mjs');

describe('worker API types', () => {
  it('workerSynced takes the target’s parameters and returns its awaited result', () => {
    const fetchUserSync = workerSynced<typeof fetchUser>(where, 'fetchUser');
    expectTypeOf(fetchUserSync).parameters.toEqualTypeOf<[id: number, options?: { fresh: boolean }]>();
    expectTypeOf(fetchUserSync).returns.toEqualTypeOf<{ id: number; name: string }>();
    // an async generator: a sync iterable of its items
    expectTypeOf(workerSynced<(n: number) => AsyncGenerator<number>>(where, 'countTo')).returns.toEqualTypeOf<
      Iterable<number>
    >();
    // untyped: unknown in, unknown out
    expectTypeOf(workerSynced(where)).toEqualTypeOf<(...args: unknown[]) => unknown>();
  });

  it('workerSynced takes transfer: a boolean', () => {
    expectTypeOf(workerSynced<typeof fetchUser>(where, 'fetchUser', { transfer: true })).returns.toEqualTypeOf<{
      id: number;
      name: string;
    }>();
    // @ts-expect-error transfer is true or false
    workerSynced(where, 'fetchUser', { transfer: 'yes' });
  });

  it('workerDesynced returns a promise of the sync result', () => {
    const countPrimesAsync = workerDesynced<typeof countPrimes>(where, 'countPrimes');
    expectTypeOf(countPrimesAsync).parameters.toEqualTypeOf<[below: number]>();
    expectTypeOf(countPrimesAsync).returns.toEqualTypeOf<Promise<number>>();
  });

  it('relocatableSynced infers from the function itself', () => {
    const fetchUserSync = relocatableSynced(fetchUser, where);
    expectTypeOf(fetchUserSync).returns.toEqualTypeOf<{ id: number; name: string }>();
    expectTypeOf(fetchUserSync).parameters.toEqualTypeOf<[id: number, options?: { fresh: boolean }]>();
  });

  it('addWorkerContext returns its remover', () => {
    expectTypeOf(addWorkerContext).parameter(0).toEqualTypeOf<WorkerContext>();
    expectTypeOf(addWorkerContext).returns.toEqualTypeOf<() => void>();
  });
});
