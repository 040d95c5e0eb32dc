/**
 * Worker recursion is bounded: a module whose import makes a blocking call for itself ends with
 * WorkerRecursionError, and the worker threads asynchro runs in a process (nested ones included) are bounded by
 * ASYNCHRO_MAX_WORKERS, past which a call fails with WorkerLimitError. Each case runs a fixture in a child process
 * with a watchdog (test/fixtures/recursion/), and each error's advice is followed in a fixture that then works.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminateWorkers } from 'asynchro-bridge/worker';
import { workerSynced } from 'asynchro-bridge';
import { threadsInUse } from '../src/strategies/worker/calling/thread-budget.js';
import { lastJson, repoRoot, runNode } from './helpers/child.js';

const fixture = (name: string): string => join(repoRoot, 'test', 'fixtures', 'recursion', name);
const normalised = (message: string): string => message.replaceAll(repoRoot.replace(/\/$/, ''), '<repo>');

interface Outcome {
  name?: string;
  code?: string;
  limit?: number;
  message?: string;
  got?: unknown;
  threads?: number[];
  ms: number;
}

describe('a module whose import makes a blocking call for itself', () => {
  it('ends with WorkerRecursionError within a second, naming the module and the fix', async () => {
    const child = await runNode([fixture('same-file.mjs')], { watchdogMs: 15_000 });
    const outcome = lastJson<Outcome>(child);
    expect(child.code, child.stderr).toBe(1);
    expect(outcome.code).toBe('ASYNCHRO_WORKER_RECURSION');
    expect(outcome.ms).toBeLessThan(1000);
    expect(normalised(outcome.message!)).toMatchInlineSnapshot(
      `"getSync(ClientAsync.aget): <repo>/test/fixtures/recursion/same-file.mjs makes this blocking call while asynchro's worker thread is importing it (at its top level, or in something its import runs), and the call would start another worker to import <repo>/test/fixtures/recursion/same-file.mjs again, without end. Move Client into a module without side effects, one that only defines and exports it, and import that module where the call is made."`,
    );
  });

  it('works once the advice is followed: the class in a module of its own, the call where it was', async () => {
    const child = await runNode([fixture('moved.mjs')], { watchdogMs: 15_000 });
    const { got } = lastJson<Outcome>(child);
    expect(child.code, child.stderr).toBe(0);
    expect(got).toEqual({ id: 1, thread: expect.any(Number) });
    expect((got as { thread: number }).thread).toBeGreaterThan(0); // ran on the worker (an ES module's top level)
  });
});

describe('the worker threads asynchro runs in a process', () => {
  it('are counted while they run, by every copy of asynchro in the process, and released when they exit', async () => {
    await terminateWorkers();
    const before = threadsInUse(); // this file's own copy (src/) reads the slots the package's copy (dist/) set
    const echo = workerSynced<(x: number) => number>(fixture('../../worker/fixtures/targets.mjs'), 'echo');
    expect(echo(1)).toBe(1);
    expect(threadsInUse()).toBe(before + 1);
    await terminateWorkers();
    expect(threadsInUse()).toBe(before);
  });

  it('nest as deep as needed within the limit', async () => {
    const child = await runNode([fixture('nesting.mjs'), '3'], { watchdogMs: 20_000 });
    const { threads } = lastJson<Outcome>(child);
    expect(new Set(threads).size).toBe(4); // level 3 on the main thread's worker, then one worker per level
  });

  it('stop at ASYNCHRO_MAX_WORKERS with WorkerLimitError, which says how to raise it', async () => {
    const env = { ...process.env, ASYNCHRO_MAX_WORKERS: '3' };
    const child = await runNode([fixture('nesting.mjs'), '5'], { watchdogMs: 20_000, env });
    const outcome = lastJson<Outcome>(child);
    expect(outcome).toMatchObject({ name: 'WorkerLimitError', code: 'ASYNCHRO_WORKER_LIMIT', limit: 3 });
    expect(outcome.message).toMatchInlineSnapshot(
      `"workerSynced(level): no worker thread could start: asynchro already runs 3 worker threads in this process, the most it may (counting those its workers started: a target in a worker whose blocking call moves to another worker starts one thread per level). If the program needs more at once, raise the limit with the environment variable ASYNCHRO_MAX_WORKERS (read at start-up); if not, look for worker calls that nest without end."`,
    );
    // The advice followed: a higher limit lets the same calls through.
    const raised = await runNode([fixture('nesting.mjs'), '5'], {
      watchdogMs: 20_000,
      env: { ...process.env, ASYNCHRO_MAX_WORKERS: '6' },
    });
    expect(new Set(lastJson<Outcome>(raised).threads).size).toBe(6);
  });

  it('end a nesting without end with WorkerLimitError at the default limit, in seconds', async () => {
    const child = await runNode([fixture('nesting.mjs'), '1000000'], { watchdogMs: 30_000 });
    const outcome = lastJson<Outcome>(child);
    expect(outcome).toMatchObject({ code: 'ASYNCHRO_WORKER_LIMIT', limit: 16 });
  });
});
