/**
 * Issue 13 §4: a worker target that calls a server listening on the blocked calling thread can never be answered
 * while that thread blocks. asynchro sees the target connect to an address this thread listens on and throws
 * DeadlockError about a second later (no `timeout` needed); with a shorter `timeout`, the SyncTimeoutError names
 * this thread's listening addresses. No false alarm for a server on another thread, or a target that only
 * connects and moves on. One process per case (test/worker/fixtures/served-here.mjs) under a watchdog.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, repoRoot, runNode } from '../helpers/child.js';

const script = join(repoRoot, 'test/worker/fixtures/served-here.mjs');

interface Outcome {
  value?: string;
  className?: string;
  message?: string;
  ms: number;
  next: string;
  async?: string;
}

const run = async (...args: string[]) => lastJson<Outcome>(await runNode([script, ...args], { watchdogMs: 30_000 }));

describe("a worker target calling a server on the caller's own thread", () => {
  it('with no timeout: DeadlockError about a second after it connected, naming the address; the worker and the server still work', async () => {
    const outcome = await run('here');
    expect(outcome.className).toBe('DeadlockError');
    expect(outcome.ms).toBeGreaterThanOrEqual(900);
    expect(outcome.ms).toBeLessThan(10_000);
    expect(outcome).toMatchObject({ next: 'poked', async: '200 hello' });
    expect(outcome.message).toMatchInlineSnapshot(
      `"workerSynced(httpGet) cannot finish while this thread blocks: its target in the worker thread connected to 127.0.0.1:PORT, where this thread is listening, and was still waiting a second later; this thread cannot answer until the call returns. Run that server in another thread or process, or await the call (workerDesynced, or the async method) instead of blocking."`,
    );
  });

  it('a server listening on every address (listen(0)) is recognised from a loopback connection', async () => {
    expect(await run('here-any')).toMatchObject({ className: 'DeadlockError', next: 'poked', async: '200 hello' });
  });

  it('with a shorter timeout: SyncTimeoutError naming what this thread listens on', async () => {
    const outcome = await run('here', '300');
    expect(outcome.className).toBe('SyncTimeoutError');
    expect(outcome.message).toMatchInlineSnapshot(
      `"workerSynced(httpGet) timed out after 300 ms in the worker thread. The worker's event loop still answers, so it was kept, and the call's signal (currentSignal()) was aborted there: work that passes it on stops, other work goes on there, its result discarded. This thread is listening on 127.0.0.1:PORT: if the target called a server on this thread, it could not be answered while this thread blocked."`,
    );
  });

  it('no false alarm: a target that only connects to this thread and moves on returns normally', async () => {
    expect(await run('poke')).toMatchObject({ value: 'poked', next: 'poked', async: '200 hello' });
  });

  it('no false alarm: a server on another thread answers the blocked call', async () => {
    expect(await run('elsewhere')).toMatchObject({ value: '200 GET /', next: 'poked' });
  });
});
