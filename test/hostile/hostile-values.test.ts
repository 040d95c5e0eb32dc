/**
 * Hostile values (fixtures/hostile/hostile-values.cjs): revoked Proxies, Proxies whose traps throw, `name` and
 * `length` getters that throw, a throwing Error.prepareStackTrace, values nested too deep to clone, an Array.prototype
 * index setter. asynchro's own outcome comes out (its result, or its typed error), never the value's error in its
 * place; desync never throws.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

describe('hostile values', () => {
  it('never replace asynchro’s outcome with their own errors', async () => {
    const child = await runNode([fileURLToPath(new URL('../fixtures/hostile/hostile-values.cjs', import.meta.url))], {
      watchdogMs: 30_000,
    });
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({
      desync: {
        revoked: 'rejected TypeError',
        throwingTraps: 'fulfilled',
        tracedRevoked: 'rejected TypeError',
        tracedThrowingTraps: 'fulfilled',
        revokedObject: 'rejected TypeError',
      },
      blocking: {
        timeout: { thrown: 'SyncTimeoutError' },
        deadlock: { thrown: 'DeadlockError' },
        syncedShape: { value: 'made' },
        desyncedShape: 'function',
        awaitSyncRevoked: { value: 'an object' },
      },
      decorators: { throwingName: { value: 'got' }, proxyPrototype: { thrown: 'DecorationError' } },
      worker: {
        revokedArgument: { thrown: 'WorkerCloneError' },
        revokedInside: { thrown: 'WorkerCloneError' },
        throwingGetter: { thrown: 'WorkerCloneError' },
        deepArray: { thrown: 'WorkerCloneError' },
        deepObject: { thrown: 'WorkerCloneError' },
        afterThem: { value: 42 },
        rejectionWithThrowingPrepare: { thrown: 'RangeError' },
        indexSetter: { element: 'kept', setterRan: false },
      },
    });
  });
});
