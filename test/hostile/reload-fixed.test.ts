/**
 * A worker target's module that threw while it loaded is loaded again once the file is fixed (the worker that ran it
 * keeps the failure, so it is retired and the next call gets a fresh one), for blocking and offloaded calls.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

describe('a module that threw at import', () => {
  it('is loaded again once the file is fixed', async () => {
    const child = await runNode([fileURLToPath(new URL('../fixtures/hostile/reload-fixed.cjs', import.meta.url))], {
      watchdogMs: 20_000,
    });
    expect(child.stderr).toBe('');
    const failedTwiceThenFixed = ['WorkerStartupError', 'WorkerStartupError', 'fixed'];
    expect(lastJson(child)).toEqual({ blocking: failedTwiceThenFixed, offloaded: failedTwiceThenFixed });
  });
});
