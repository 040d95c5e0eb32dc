/**
 * Issue 14's start-up row: `require('asynchro-bridge')` loads only what a blocking call on this thread needs; the worker
 * strategy's builtins (worker_threads, net, and the streams they pull in: ~2.7 ms of the load) and perf_hooks come
 * with their first use, and Node's ES module loader not at all (the CommonJS entry, dist/index.cjs: one file, which
 * a subpath export's own file reuses).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { lastJson, repoRoot, runNode } from './helpers/child.js';

const fixture = fileURLToPath(new URL('./fixtures/load-on-demand.cjs', import.meta.url));
const timersView = fileURLToPath(new URL('./fixtures/timers-esm-view.cjs', import.meta.url));

describe('loading asynchro', () => {
  it("leaves the worker strategy's builtins and perf_hooks until a call needs them; no ES module loader", async () => {
    const child = await runNode([fixture]);
    expect(child.stderr).toBe('');
    const seen = lastJson(child) as Record<string, unknown> & { before: string[] };
    expect(seen).toEqual({
      before: seen.before, // what Node loaded by itself, which may differ by major
      afterRequire: seen.before,
      esmByRequire: [],
      filesOfRoot: ['dist/index.cjs'],
      filesWithSubpath: ['dist/index.cjs', 'dist/subpaths/instrumentation.cjs'],
      pumped: 2,
      afterPump: seen.before,
      fromWorker: 'microtasks: 3 awaits',
      afterWorker: expect.arrayContaining(['worker_threads', 'perf_hooks']),
      resolved: join(repoRoot, 'dist', 'index.cjs'),
    });
  });

  it("node:timers' ES module view, made after require('asynchro-bridge'), holds the guarded setImmediate", async () => {
    const child = await runNode([timersView]);
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({ guarded: true, named: true, default: true });
  });
});
