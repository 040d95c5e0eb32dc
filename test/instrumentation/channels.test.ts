import { describe, expect, it } from 'vitest';
import { lastJson, runScript } from '../helpers/child.js';

// Blocking calls run in child processes: a vitest test body is a microtask, where the pump refuses to block.
const script = String.raw`
const { sync, awaitSync, desync, synced } = require('asynchro');
const dc = require('node:diagnostics_channel');
const events = [];
const on = (channel) => (kind) => (ctx) => events.push({ channel, kind, name: ctx.name, verb: ctx.verb, className: ctx.className,
  strategy: ctx.strategy, depth: ctx.depth, blocked: ctx.blockedMs, error: ctx.error && ctx.error.message, result: ctx.result });
const handlers = (channel) => Object.fromEntries(['start', 'end', 'asyncStart', 'asyncEnd', 'error'].map((k) => [k, on(channel)(k)]));
dc.tracingChannel('asynchro:sync').subscribe(handlers('sync'));
dc.tracingChannel('asynchro:desync').subscribe(handlers('desync'));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function slow() { await sleep(30); return 'slow'; }
function plain() { return 'plain'; }
async function failing() { await sleep(1); throw new Error('nope'); }
// The nested call runs in a setImmediate callback: after an await it would be inside a microtask.
async function outer() { return new Promise((resolve) => setImmediate(() => resolve(sync(slow) + '+outer'))); }

const results = {};
results.slow = sync(slow);
results.plain = sync(plain);
try { sync(failing); } catch (e) { results.failing = e.message; }
results.outer = sync(outer);
results.awaited = awaitSync(sleep(5).then(() => 'held'));
const method = synced(slow);
results.synced = method();
desync(function deferredWork() { return 'deferred'; }).then((v) => {
  results.deferred = v;
  return desync(async function coroutineWork() { return 'coroutine'; });
}).then((v) => {
  results.coroutine = v;
  console.log(JSON.stringify({ results, events }));
});
`;

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
    const run = await runScript(script, 'cjs');
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
    expect(slowEnd!.blocked).toBeGreaterThanOrEqual(25); // a 30 ms timer
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
    const run = await runScript(
      String.raw`
const { sync, collectStats } = require('asynchro');
const stats = collectStats();
async function readConfig() { await new Promise((r) => setTimeout(r, 20)); return 1; }
function cached() { return 2; }
sync(readConfig); sync(readConfig); sync(cached);
try { sync(async function broken() { throw new Error('x'); }); } catch {}
const rows = stats.rows();
const table = stats.table();
stats.close();
sync(readConfig); // not counted any more
console.log(JSON.stringify({ rows, table, after: stats.rows().find((r) => r.call === 'sync(readConfig)').calls }));
`,
      'cjs',
    );
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
