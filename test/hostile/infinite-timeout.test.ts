/**
 * `timeout: Infinity` means no timeout (issue 9 §4): no TimeoutOverflowWarning on the pump or in the worker, and the
 * largest finite timeout Node timers hold is accepted. A child process, because the warning goes to its stderr.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

const fixture = fileURLToPath(new URL('../fixtures/hostile/infinite-timeout.cjs', import.meta.url));

describe('timeout: Infinity', () => {
  it('waits as long as it takes, with no TimeoutOverflowWarning, on the pump and in the worker', async () => {
    const child = await runNode([fixture]);
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({ pump: 5, awaitSync: 5, max: 5, worker: 5 });
  });
});
