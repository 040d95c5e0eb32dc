import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

// Blocking calls run in child processes (test/fixtures/channels/): a vitest test body is a microtask, where the pump
// refuses to block.
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/channels/${name}`, import.meta.url));

interface Event {
  channel: string;
  kind: string;
  name: string;
  verb: string;
  strategy?: string;
  depth?: number;
  blocked?: number;
  error?: string;
  result?: unknown;
}

describe('diagnostics_channel', () => {
  it('publishes every bridged call with name, strategy, depth and blocked time', async () => {
    const run = await runNode([fixture('events.cjs')]);
    const { results, events } = lastJson<{ results: Record<string, string>; events: Event[] }>(run);
    expect(run.stderr).toBe('');
    expect(results).toEqual({
      slow: 'slow',
      plain: 'plain',
      failing: 'nope',
      outer: 'slow+outer',
      awaited: 'held',
      synced: 'slow',
      deferred: 'deferred',
      coroutine: 'coroutine',
    });
    const ends = events.filter((e) => e.channel === 'sync' && e.kind === 'end');
    expect(ends.map((e) => [e.name, e.strategy, e.depth])).toEqual([
      ['slow', 'pump', 0],
      ['plain', 'direct', 0],
      ['failing', 'pump', 0],
      ['slow', 'pump', 1], // the nested call made by outer's work
      ['outer', 'pump', 0],
      ['awaitable', 'pump', 0],
      ['slow', 'pump', 0],
    ]);
    const [slowEnd, plainEnd] = ends;
    // A 30 ms timer, started by the work before the pump: the first call also loads the pump engine (outside the
    // blocked time), which took up to ~9 ms under load.
    expect(slowEnd!.blocked).toBeGreaterThanOrEqual(15);
    expect(plainEnd!.blocked).toBe(0);
    expect(ends[4]!.blocked).toBeGreaterThanOrEqual(ends[3]!.blocked!); // outer blocked through the nested call
    expect(ends.find((e) => e.name === 'awaitable')!.verb).toBe('awaitSync');
    expect(ends[0]!.result).toBe('slow');

    const errors = events.filter((e) => e.channel === 'sync' && e.kind === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'failing', error: 'nope' });
    // start/end pair up
    expect(events.filter((e) => e.channel === 'sync' && e.kind === 'start')).toHaveLength(ends.length);

    const desyncEnds = events.filter((e) => e.channel === 'desync' && e.kind === 'asyncEnd');
    expect(desyncEnds.map((e) => [e.name, e.strategy, e.result])).toEqual([
      ['deferredWork', 'deferred', 'deferred'],
      ['coroutineWork', 'coroutine', 'coroutine'],
    ]);
  });

  it('collectStats reports calls, strategies and blocked time per entry point, and stops on close()', async () => {
    const run = await runNode([fixture('stats.cjs')]);
    const { rows, table, after } = lastJson<{ rows: any[]; table: string; after: number }>(run);
    expect(rows.map((r) => r.call)).toEqual(['sync(readConfig)', 'sync(broken)', 'sync(cached)']);
    expect(rows[0]).toMatchObject({ calls: 2, errors: 0, strategies: { pump: 2 } });
    // two 20 ms timers; Node may fire a timer up to a millisecond early against performance.now()
    expect(rows[0].totalBlockedMs).toBeGreaterThanOrEqual(36);
    expect(rows[0].maxBlockedMs).toBeGreaterThanOrEqual(18);
    expect(rows[1]).toMatchObject({ calls: 1, errors: 1 });
    expect(rows[2]).toMatchObject({ calls: 1, strategies: { direct: 1 }, totalBlockedMs: 0 });
    expect(table.split('\n')[0]).toMatch(/^call\s+calls\s+errors\s+strategy\s+blocked total ms\s+blocked max ms$/);
    expect(table).toContain('pump×2');
    expect(after).toBe(2);
  });
});
