/**
 * The stand-in classes of worker errors are cached by count and by the size of their names: 300 rejections whose
 * error classes have 200 kB names kept about 100 MB on the calling thread when the cache was bounded by count only.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

describe('error stand-ins of huge class names', () => {
  it('keep the calling thread’s memory bounded', async () => {
    const child = await runNode([fileURLToPath(new URL('../fixtures/hostile/stand-in-memory.cjs', import.meta.url))], {
      nodeArgs: ['--expose-gc'],
      watchdogMs: 30_000,
    });
    expect(child.stderr).toBe('');
    const { named, growthMb } = lastJson<{ named: number; growthMb: number }>(child);
    expect(named).toBe(300); // every error still had its class name
    expect(growthMb).toBeLessThan(10);
  });
});
