/**
 * Under --frozen-intrinsics reflect-metadata cannot install its global API (and Symbol.metadata cannot be provided):
 * asynchro loads anyway and works through reflect-metadata's no-conflict API (src/metadata/reflect.ts).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

describe('--frozen-intrinsics', () => {
  it('loads, decorates (marks included), pumps and runs worker calls', async () => {
    const child = await runNode(
      [fileURLToPath(new URL('../fixtures/hostile/frozen-intrinsics.cjs', import.meta.url))],
      {
        nodeArgs: ['--frozen-intrinsics', '--no-warnings'],
        watchdogMs: 20_000,
      },
    );
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({
      variants: ['getSync', 'listSync'],
      getSync: 'got',
      listSync: ['listed'],
      pumped: 'pumped',
      worker: 'echoed',
    });
  });
});
