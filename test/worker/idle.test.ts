/**
 * The worker between requests (src/strategies/worker/thread/between-requests.ts): whatever it does there (with the opt-in spin it checks for the next
 * request, for at most a couple of milliseconds away from its event loop), its own event loop must not starve:
 * timers of the worker's modules keep firing while a caller makes blocking calls back to back, targets that need the
 * loop still settle, and an idle worker sleeps. The hostile spin tests run the same bounds with the spin on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { terminateWorkers } from '../../src/subpaths/worker.js';
import { workerSynced } from '../../src/index.js';

const ticker = new URL('./fixtures/ticker.mjs', import.meta.url);
const watchdog = { timeout: 10_000 };
const startTicking = workerSynced<() => boolean>(ticker, 'startTicking', watchdog);
const stopTicking = workerSynced<() => number>(ticker, 'stopTicking', watchdog);
const addOne = workerSynced<(x: number) => Promise<number>>(ticker, 'addOne', watchdog);
const addOneLater = workerSynced<(x: number) => Promise<number>>(ticker, 'addOneLater', watchdog);

afterAll(terminateWorkers);

/** Blocks this thread for `ms` without a pump (the test body is a microtask). */
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('the worker between requests', () => {
  it('keeps firing its own timers while a caller makes calls back to back', () => {
    startTicking();
    const until = performance.now() + 300;
    let calls = 0;
    while (performance.now() < until) expect(addOne(calls++)).toBe(calls);
    const ticks = stopTicking();
    // A 1 ms interval fires at most once per turn of the worker's loop: a worker that never went back to its loop
    // while requests kept coming would count none. It goes back at least every few milliseconds.
    expect(calls).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThanOrEqual(20);
  });

  it('serves targets that settle on the event loop, between and after calls that settle in microtasks', () => {
    for (let i = 0; i < 50; i++) {
      expect(addOne(i)).toBe(i + 1);
      expect(addOneLater(i)).toBe(i + 1);
    }
  });

  it('sleeps while idle: a worker waiting for requests uses no CPU', () => {
    expect(addOne(1)).toBe(2);
    const cpu = process.cpuUsage();
    sleep(200);
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1000).toBeLessThan(40); // both threads; spinning would take about 200 ms
    expect(addOne(2)).toBe(3);
  });
});
