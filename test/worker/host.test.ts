/**
 * WorkerHost in process: the calling thread's side of one worker, driven with raw requests (no bridge, no pump), so
 * its outcomes (value, rejected, timeout, exit), output replay, ping and abandon are pinned on their own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerHost, newCallId } from '../../src/strategies/worker/calling/host.js';
import type { CallRequest, Output } from '../../src/strategies/worker/wire/protocol.js';

const targets = new URL('./fixtures/targets.mjs', import.meta.url).href;
let nextKey = 1_000_000; // far from the bridge's own target keys
const request = (exportName: string, ...args: unknown[]): CallRequest => ({
  id: newCallId(),
  target: { key: nextKey++, place: { module: targets, exportName } },
  args,
  contexts: [],
});

const hosts: WorkerHost[] = [];
const newHost = (): WorkerHost => {
  const host = new WorkerHost(0, false);
  hosts.push(host);
  return host;
};
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.terminate()));
});

describe('WorkerHost.callBlocking', () => {
  it('returns the value outcome, and replays the output written during the call in order', () => {
    const host = newHost();
    expect(host.callBlocking(request('add', 2, 3), undefined, () => {})).toEqual({ kind: 'value', value: 5 });
    const output: Output[] = [];
    const wait = host.callBlocking(request('logs', 'call'), undefined, (written) => output.push(...written));
    expect(wait).toEqual({ kind: 'value', value: 'call: done' });
    expect(output.map(([fd, chunk]) => [fd, String(chunk)])).toEqual([
      [1, 'call: out 1\n'],
      [2, 'call: err 1\n'],
      [1, 'call: out 2\n'],
    ]);
  });

  it('a rejection comes back encoded, with its class name and message', () => {
    const wait = newHost().callBlocking(request('failCustom'), undefined, () => {});
    expect(wait).toMatchObject({
      kind: 'rejected',
      reason: { kind: 'error', className: 'ApiError', message: 'the API said no' },
    });
  });

  it('times out after the timeout counted from when the worker is ready, sleeping meanwhile; the worker stays responsive', () => {
    const host = newHost();
    host.callBlocking(request('add', 1, 1), undefined, () => {}); // the worker is ready now
    const cpu = process.cpuUsage();
    const started = performance.now();
    expect(host.callBlocking(request('stalls'), 100, () => {})).toEqual({ kind: 'timeout' });
    const used = process.cpuUsage(cpu);
    expect(performance.now() - started).toBeGreaterThanOrEqual(99);
    expect((used.user + used.system) / 1000).toBeLessThan(30); // slept, did not spin
    expect(host.respondsWithin(2000)).toBe(true);
    expect(host.alive).toBe(true);
  });

  it('a worker stuck in synchronous code does not answer a ping; abandon ends it and the host is dead', () => {
    const host = newHost();
    host.callBlocking(request('add', 1, 1), undefined, () => {});
    expect(host.callBlocking(request('spin', 3000), 50, () => {})).toEqual({ kind: 'timeout' });
    expect(host.respondsWithin(100)).toBe(false);
    host.abandon();
    expect(host.alive).toBe(false);
  });

  it("a promise that can never settle, with the worker's loop dead: the deadlock outcome at once", () => {
    const host = newHost();
    const started = performance.now();
    expect(host.callBlocking(request('neverSettles'), 5000, () => {})).toEqual({ kind: 'deadlock' });
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it('a target that ends the worker gives the exit outcome with its code', () => {
    const host = newHost();
    expect(host.callBlocking(request('exits', 7), 5000, () => {})).toMatchObject({ kind: 'exit', code: 7 });
    expect(host.alive).toBe(false);
  });
});

describe('WorkerHost.callAsync', () => {
  it('settles by promise, counts its load, and pending calls end with exit when the host is abandoned', async () => {
    const host = newHost();
    const answered = host.callAsync(request('add', 20, 22));
    const pending = host.callAsync(request('stalls'));
    expect(host.load).toBe(2);
    expect((await answered).outcome).toEqual({ kind: 'value', value: 42 });
    expect(host.load).toBe(1);
    host.abandon();
    expect((await pending).outcome).toEqual({ kind: 'exit', code: 1 });
    expect(host.load).toBe(0);
  });
});
