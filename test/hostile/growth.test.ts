/**
 * Bounded growth (issue 9 §8): blocking calls made inside one long microtask (where the pump cannot run) no longer
 * leave a probe behind each (before: +47 MB per 200,000 calls). A child process with --expose-gc.
 */
import { describe, expect, it } from 'vitest';
import { lastJson, runScript } from '../helpers/child.js';

describe('calls inside one long microtask', () => {
  it('200,000 of them grow the heap by less than 10 MB', async () => {
    const child = await runScript(
      `import { sync } from 'asynchro';
await null; // an ES module's top level after an await: inside a microtask
globalThis.gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 200_000; i++) sync(() => i);
globalThis.gc();
console.log(JSON.stringify({ growthMB: (process.memoryUsage().heapUsed - before) / 1e6 }));`,
      'mjs',
      { nodeArgs: ['--expose-gc'], watchdogMs: 30_000 },
    );
    expect(child.stderr).toBe('');
    expect(lastJson<{ growthMB: number }>(child).growthMB).toBeLessThan(10);
  });
});
