/**
 * A timeout on the first worker call of a process runs from when the worker is ready and ends then: the wait used to
 * sleep a whole liveness slice (500 ms) past the READY that started its clock.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

describe('a timeout on a fresh worker', () => {
  it('ends about when it should, not a liveness slice later', async () => {
    const child = await runNode([
      fileURLToPath(new URL('../fixtures/hostile/fresh-worker-timeout.cjs', import.meta.url)),
    ]);
    expect(child.stderr).toBe('');
    const { thrown, ms, startup } = lastJson<{ thrown: string; ms: number; startup: number }>(child);
    expect(thrown).toBe('SyncTimeoutError');
    // beyond a start-up: the 50 ms timeout and a ping of at most 100 ms; the old wait slept 500 ms more
    expect(ms - startup).toBeLessThan(400);
  });
});
