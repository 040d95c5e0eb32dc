/**
 * `timeout` holds: the pump's wake-up timer runs on libuv's millisecond clock and can fire before the
 * `performance.now()` deadline; the pump must arm it again rather than sleep until some unrelated event (before the
 * fix, a 20 ms timeout ended after seconds, or never while a server kept the loop alive).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from './helpers/child.js';

const soak = fileURLToPath(new URL('./fixtures/timeout-soak.cjs', import.meta.url));

interface SoakCase {
  tries: number;
  outcomes: Record<string, number>;
  minMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

describe('timeouts that hold', () => {
  it('2,000 waits of 1-4 ms from four contexts, with and without a live server, all end at their bound', async () => {
    const child = await runNode([soak, '250'], { watchdogMs: 50_000 });
    const results = lastJson<Record<string, SoakCase>>(child);
    expect(Object.keys(results)).toEqual([
      'topLevel',
      'topLevel+server',
      'setImmediate',
      'setImmediate+server',
      'setTimeout',
      'setTimeout+server',
      'process.nextTick',
      'process.nextTick+server',
    ]);
    for (const [name, result] of Object.entries(results)) {
      expect({ name, outcomes: result.outcomes }).toEqual({ name, outcomes: { SyncTimeoutError: 250 } });
      expect(result.minMs).toBeGreaterThanOrEqual(0); // never before the bound
      // A missed wake-up lasts until the work's own 10 s timer; the margins are for a loaded machine's scheduling,
      // which delays every wake-up by a few ms.
      expect(result.p50Ms).toBeLessThan(20);
      expect(result.maxMs).toBeLessThan(1000);
    }
    expect(child.stderr).toBe('');
  }, 60_000);
});
