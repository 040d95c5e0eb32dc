/**
 * Issue 4 §6: offloading the other way. CPU-heavy sync work runs in the worker pool through its async variant,
 * and the caller's event loop stays free meanwhile.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { desynced, workerDesynced, workerSynced } from '../../src/index.js';
import { terminateWorkers } from '../../src/subpaths/worker.js';
import type { DesyncCallContext } from '../../src/subpaths/instrumentation.js';
import { desyncInWorker } from '../../src/strategies/worker/index.js'; // internal: the pool entry point
import type * as targets from './fixtures/targets.mjs';

const targetsUrl = new URL('./fixtures/targets.mjs', import.meta.url);

afterAll(terminateWorkers);

/** Counts the ticks of a 10 ms interval while `work` runs, and the longest gap between two of them. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ value: T; ticks: number; longestGapMs: number }> {
  let ticks = 0;
  let last = performance.now();
  let longestGapMs = 0;
  const interval = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    ticks++;
  }, 10);
  try {
    const value = await work();
    longestGapMs = Math.max(longestGapMs, performance.now() - last);
    return { value, ticks, longestGapMs };
  } finally {
    clearInterval(interval);
  }
}

describe('workerDesynced', () => {
  it('keeps a timer firing while a 500 ms CPU-bound function runs', async () => {
    const spin = workerDesynced<typeof targets.spin>(targetsUrl, 'spin');
    await spin(1); // the worker is started: the measured call is the work itself
    const { value, ticks, longestGapMs } = await ticksDuring(() => spin(500));
    expect(value).toBe(500);
    // 50 ticks on an idle machine; a loaded one drops some, never all
    expect(ticks).toBeGreaterThanOrEqual(15);
    expect(longestGapMs).toBeLessThan(250);
  });

  it('whereas the same function on the calling thread stops the timer for its whole run', async () => {
    const { spin } = (await import(targetsUrl.href)) as typeof targets;
    const { value, ticks } = await ticksDuring(async () => spin(200));
    expect(value).toBe(200);
    expect(ticks).toBe(0);
  });

  it('returns a promise right away and rejects with the rebuilt error', async () => {
    const failCustom = workerDesynced<typeof targets.failCustom>(targetsUrl, 'failCustom');
    const pending = failCustom();
    expect(pending).toBeInstanceOf(Promise);
    const error = await pending.catch((reason: unknown) => reason);
    expect(error).toMatchObject({ name: 'ApiError', message: 'the API said no', code: 'E_API', status: 503 });
    // The caller's frames are read when the error is rebuilt, after the call's await: V8's async stack trace names
    // the async function awaiting it (this test), below the worker's frames.
    const [, callerPart] = (error as Error).stack!.split('\n    --- on the calling thread ---\n');
    expect(callerPart).toMatch(/^ {4}at .*desync\.test\.ts:\d+:\d+/);
  });

  it('refuses an async iterable result, which cannot come back from the pool', async () => {
    const countTo = workerDesynced<typeof targets.countTo>(targetsUrl, 'countTo');
    await expect(countTo(3)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: workerDesynced(countTo): the offloaded call returned an async iterable, which cannot come back from the worker pool; collect its items into an array in the sync method.]`,
    );
  });

  it('whereas workerSynced keeps it in the blocking worker and gives a sync iterable whose next() blocks', () => {
    const countTo = workerSynced<typeof targets.countTo>(targetsUrl, 'countTo', { timeout: 10_000 });
    const items: Iterable<number> = countTo(3);
    expect([...items]).toEqual([1, 2, 3]);
  });

  it('runs several calls at once across the pool, each with its own result', async () => {
    const add = workerDesynced<typeof targets.add>(targetsUrl, 'add');
    await expect(Promise.all([add(1, 2), add(3, 4), add(5, 6)])).resolves.toEqual([3, 7, 11]);
  });

  it('keeps a class instance’s twin on one pool worker', async () => {
    const constructorArgs = [0, 2];
    const increment = () =>
      desyncInWorker(
        {
          module: targetsUrl.href,
          exportName: 'Counter',
          instance: {
            constructorArgs,
            method: 'aincrement',
            path: undefined,
            fields: undefined,
            receive: undefined,
            signalAt: undefined,
          },
          iterator: undefined,
          transfer: undefined,
          divergence: undefined,
        },
        [],
        {
          verb: 'incrementAsync',
          name: 'aincrement',
          className: 'Counter',
          coroutine: undefined,
          relocation: undefined,
        },
      );
    // two first calls at once still build one twin
    expect(await Promise.all([increment(), increment()])).toEqual([2, 4]);
    expect(await increment()).toBe(6);
  });
});

describe('desynced(fn, { module })', () => {
  it('offloads the same function to the pool, keeps the timer firing, and is traced with strategy worker', async () => {
    const { spin } = (await import(targetsUrl.href)) as typeof targets;
    const spinAsync = desynced(spin, { module: targetsUrl });
    expect(spinAsync.name).toBe('spin');
    const seen: DesyncCallContext[] = [];
    const onEnd = (message: unknown) => seen.push(message as DesyncCallContext);
    subscribe('tracing:asynchro-bridge:desync:asyncEnd', onEnd);
    try {
      await spinAsync(1);
      const { value, ticks } = await ticksDuring(() => spinAsync(300));
      expect(value).toBe(300);
      expect(ticks).toBeGreaterThanOrEqual(8);
    } finally {
      unsubscribe('tracing:asynchro-bridge:desync:asyncEnd', onEnd);
    }
    expect(seen.map((call) => [call.name, call.strategy, call.result])).toEqual([
      ['spin', 'worker', 1],
      ['spin', 'worker', 300],
    ]);
  });
});

describe('exposeAsync({ module })', () => {
  it("runs a class's CPU-heavy sync method on a twin in the pool; the caller's timer keeps firing", async () => {
    const { Hasher } = (await import(new URL('./fixtures/hasher.mjs', import.meta.url).href)) as {
      Hasher: new (rounds: number) => { hashSync(ms: number): unknown; ahash(ms: number): Promise<unknown> };
    };
    const hasher = new Hasher(7);
    await hasher.ahash(1); // start the pool worker and build the twin
    const { value, ticks } = await ticksDuring(() => hasher.ahash(300));
    expect(value).toEqual({ ms: 300, rounds: 7, worked: true }); // the twin was built with the same arguments
    expect(ticks).toBeGreaterThanOrEqual(8);
    const onThisThread = await ticksDuring(async () => hasher.hashSync(150));
    expect(onThisThread.ticks).toBe(0);
  });
});
