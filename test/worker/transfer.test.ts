/**
 * The `transfer` option of workerSynced: ArrayBuffers under the arguments move to the worker and those under the
 * result move back, instead of being copied; the caller's buffers are detached after the call.
 */
import { Buffer } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerCloneError, workerDesynced, workerSynced } from '../../src/index.js';
import { terminateWorkers } from '../../src/subpaths/worker.js';
import { transferablesIn } from '../../src/strategies/worker/wire/transfer.js';

const buffers = new URL('./fixtures/buffers.mjs', import.meta.url);
const watchdog = { timeout: 10_000 };
const echo = <T>(value: T, transfer: boolean): T =>
  workerSynced(buffers, 'echo', { ...watchdog, transfer })(value) as T;

afterAll(terminateWorkers);

describe('workerSynced transfer', () => {
  it('moves an argument’s buffer to the worker (detached here) and the result’s back, bytes intact', () => {
    const bytes = new Uint8Array(10_000).fill(7);
    const back = echo(bytes, true);
    expect(bytes.byteLength).toBe(0);
    expect(bytes.buffer.byteLength).toBe(0); // detached: the caller gave it up
    expect(back).toBeInstanceOf(Uint8Array);
    expect(back.byteLength).toBe(10_000);
    expect(back.every((byte) => byte === 7)).toBe(true);
  });

  it('without it, copies: the argument stays whole', () => {
    const bytes = new Uint8Array(100).fill(3);
    expect(echo(bytes, false)).toEqual(bytes);
    expect(bytes.byteLength).toBe(100);
  });

  it('moves buffers inside arrays and plain objects, and ArrayBuffers and DataViews themselves', () => {
    const inside = {
      payload: [new Float64Array([1.5, 2.5])],
      raw: new ArrayBuffer(8),
      view: new DataView(new ArrayBuffer(4)),
    };
    const { payload, raw, view } = inside;
    const back = echo(inside, true);
    expect([payload[0]!.byteLength, raw.byteLength, view.buffer.byteLength]).toEqual([0, 0, 0]);
    expect([...back.payload[0]!]).toEqual([1.5, 2.5]);
    expect([back.raw.byteLength, back.view.byteLength]).toEqual([8, 4]);
  });

  it('copies a view over part of a larger buffer (a small Node Buffer lives in a shared pool): nothing else detaches', () => {
    const small = Buffer.from('pooled');
    const neighbour = Buffer.from('neighbour');
    expect(small.buffer.byteLength).toBeGreaterThan(small.byteLength); // the pool
    expect(Buffer.from(echo(small, true)).toString()).toBe('pooled');
    expect(small.toString()).toBe('pooled');
    expect(neighbour.toString()).toBe('neighbour');
    expect(transferablesIn([small, new Uint8Array(new ArrayBuffer(8), 2)])).toEqual([]);
  });

  it('the target gives up the buffers of its result too: a buffer it keeps is detached in the worker after the reply', () => {
    const kept = workerSynced<() => Uint8Array>(buffers, 'keptBuffer', { ...watchdog, transfer: true });
    expect(kept().byteLength).toBe(16);
    // The module's own buffer moved out with the first reply: the worker can no longer send it.
    expect(() => kept()).toThrow(WorkerCloneError);
    expect(() => kept()).toThrow(/the result .* cannot be cloned back to the calling thread: .*detached/);
  });

  it('one value alone (the short path): a whole view or buffer moves; a partial, shared, empty one or a primitive does not', () => {
    const whole = new Uint8Array(4);
    const buffer = new ArrayBuffer(2);
    const view = new DataView(new ArrayBuffer(3));
    expect(transferablesIn([whole])).toEqual([whole.buffer]);
    expect(transferablesIn([buffer])).toEqual([buffer]);
    expect(transferablesIn([view])).toEqual([view.buffer]);
    expect(transferablesIn([new Uint8Array(new ArrayBuffer(8), 2)])).toEqual([]);
    expect(transferablesIn([Buffer.from('pooled')])).toEqual([]);
    expect(transferablesIn([new Int32Array(new SharedArrayBuffer(8))])).toEqual([]);
    expect(transferablesIn([new ArrayBuffer(0)])).toEqual([]);
    expect(transferablesIn([7])).toEqual([]);
    expect(transferablesIn([null])).toEqual([]);
    expect(transferablesIn([{ inside: whole }])).toEqual([whole.buffer]); // not alone: the walk
  });

  it('a shared buffer is shared, never moved; the same buffer twice moves once', () => {
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const bytes = new Uint8Array(4);
    expect(transferablesIn([shared, bytes, [bytes, bytes.buffer]])).toEqual([bytes.buffer]);
    expect(echo([bytes, bytes], true).map((view) => view.byteLength)).toEqual([4, 4]);
    expect(bytes.byteLength).toBe(0);
  });

  it('workerDesynced takes it too: the argument moves to the pool worker, the result comes back whole', async () => {
    const bytes = new Uint8Array(1000).fill(5);
    const moved = workerDesynced<(value: Uint8Array) => Uint8Array>(buffers, 'echo', { transfer: true });
    const pending = moved(bytes);
    expect(bytes.byteLength).toBe(0); // moved when the call was sent
    const back = await pending;
    expect([back.byteLength, back[999]]).toEqual([1000, 5]);
    const copied = new Uint8Array(10).fill(1);
    await workerDesynced<(value: Uint8Array) => Uint8Array>(buffers, 'echo')(copied);
    expect(copied.byteLength).toBe(10);
  });

  it('refuses a transfer that is not true or false, before any worker is touched', () => {
    expect(() => workerSynced(buffers, 'echo', { transfer: 'yes' as never })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: workerSynced(echo): option 'transfer' must be true or false; got "yes" (a string).]`,
    );
  });
});
