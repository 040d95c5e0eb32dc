/**
 * Issue 14's start-up row: `require('asynchro')` loads only what a blocking call on this thread needs; the worker
 * strategy's builtins (worker_threads, net, and the streams they pull in: ~2.7 ms of the load) come with its first use.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from './helpers/child.js';

const fixture = fileURLToPath(new URL('./fixtures/load-on-demand.cjs', import.meta.url));

describe('loading asynchro', () => {
  it("leaves the worker strategy's builtins until a worker call needs them", async () => {
    const child = await runNode([fixture]);
    expect(child.stderr).toBe('');
    const seen = lastJson(child) as Record<string, unknown> & { before: string[] };
    expect(seen).toEqual({
      before: seen.before, // what Node loaded by itself, which may differ by major
      afterRequire: seen.before,
      pumped: 2,
      afterPump: seen.before,
      fromWorker: 'microtasks: 3 awaits',
      afterWorker: expect.arrayContaining(['worker_threads']),
    });
  });
});
