/**
 * Bounded growth (issue 9 §8): blocking calls made inside one long microtask (where the pump cannot run) no longer
 * leave a probe behind each (before: +47 MB per 200,000 calls). A child process with --expose-gc.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

const fixture = fileURLToPath(new URL('../fixtures/hostile/growth.mjs', import.meta.url));

describe('calls inside one long microtask', () => {
  it('200,000 of them grow the heap by less than 10 MB', async () => {
    const child = await runNode([fixture], { nodeArgs: ['--expose-gc'], watchdogMs: 30_000 });
    expect(child.stderr).toBe('');
    expect(lastJson<{ growthMB: number }>(child).growthMB).toBeLessThan(10);
  });
});
