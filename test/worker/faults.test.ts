/**
 * Issue 4 §3: every fault reaches the caller promptly as its own typed error, and the call after it works. One
 * child process (ESM, so every call is made inside a microtask, where only the worker can block) under a watchdog.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

/** The child scripts, runnable by hand: test/worker/fixtures/faults.mjs and server-on-caller-thread.mjs. */
const fixtures = new URL('./fixtures/', import.meta.url).href;
const fixture = (name: string): string => fileURLToPath(new URL(name, fixtures));

interface Report {
  className: string;
  name?: string;
  message?: string;
  exitCode?: number;
  what?: string;
  timeout?: number;
  module?: string;
  exportName?: string;
  functionName?: string;
  cause?: string;
  isAsynchroError: boolean;
  ms: number;
  next: unknown;
}

let reports: Record<string, Report>;
beforeAll(async () => {
  const child = await runNode([fixture('faults.mjs')], { watchdogMs: 45_000 });
  reports = lastJson(child);
  expect(child.code).toBe(0);
}, 60_000);

const loadFailure = (pattern: RegExp) =>
  expect.objectContaining({
    className: 'WorkerStartupError',
    isAsynchroError: true,
    message: expect.stringMatching(pattern),
    next: 42,
  });

describe('faults: each a typed error, then the next call works', () => {
  it('a module with a syntax error', () => {
    expect(reports.syntaxError).toEqual(
      loadFailure(/workerSynced\(ok\): the worker could not load file:.*broken-syntax\.mjs/),
    );
    expect(reports.syntaxError!.cause).toMatch(/^SyntaxError: /);
    expect(reports.syntaxError!.exportName).toBe('ok');
  });

  it('a missing module', () => {
    expect(reports.missingModule).toEqual(loadFailure(/could not load .*no-such-module\.mjs: Cannot find module/));
    expect(reports.missingModule!.module).toBe(`${fixtures}no-such-module.mjs`);
  });

  it('a missing export, listing the exports there are', () => {
    expect(reports.missingExport).toEqual(
      loadFailure(/has no export "noSuchExport" \(its exports: ApiError, Counter, /),
    );
  });

  it('an export that is not a function', () => {
    expect(reports.notCallable).toEqual(loadFailure(/export "notAFunction" of .* is number, not a function/));
  });

  it('a module that throws while loading', () => {
    expect(reports.throwsOnLoad).toEqual(
      loadFailure(/could not load .*throws-on-load\.mjs: this module refuses to load/),
    );
  });

  it('a rejection comes back as the target’s own error, not an asynchro error', () => {
    expect(reports.rejects).toMatchObject({
      className: 'ApiError',
      message: 'the API said no',
      isAsynchroError: false,
      next: 42,
    });
  });

  it('process.exit in the worker', () => {
    expect(reports.processExit).toMatchObject({
      className: 'WorkerExitError',
      exitCode: 7,
      message:
        'workerSynced(exits): the worker thread ended during the call, by process.exit(7). The next call starts a new worker.',
      functionName: 'exits',
      next: 42,
    });
  });

  it('an uncaught exception in the worker', () => {
    expect(reports.uncaughtException).toMatchObject({
      className: 'WorkerExitError',
      exitCode: 1,
      message: expect.stringContaining('by an uncaught exception (boom in a timer)'),
      cause: 'Error: boom in a timer',
      next: 42,
    });
  });

  it('a worker thread that ends without running its exit handlers (as on out-of-memory): WorkerExitError, within a second', () => {
    expect(reports.vanishes).toMatchObject({
      className: 'WorkerExitError',
      exitCode: -1,
      message: expect.stringMatching(
        /^workerSynced\(vanishes\): the worker thread ended during the call without a word/,
      ),
      next: 42,
    });
    expect(reports.vanishes!.ms).toBeLessThan(2_000);
  });

  it('a promise that never settles, with nothing left in the worker’s loop: DeadlockError, at once', () => {
    expect(reports.neverSettles).toMatchObject({
      className: 'DeadlockError',
      message: expect.stringMatching(
        /^workerSynced\(neverSettles\) can never finish: its promise is pending in the worker thread/,
      ),
      next: 42,
    });
    expect(reports.neverSettles!.ms).toBeLessThan(2_000);
  });

  it('a promise that stays pending while the worker’s loop is busy: SyncTimeoutError at the timeout', () => {
    expect(reports.stallsWithTimeout).toMatchObject({ className: 'SyncTimeoutError', timeout: 200, next: 42 });
    expect(reports.stallsWithTimeout!.message).toMatch(
      /^workerSynced\(stalls\) timed out after 200 ms in the worker thread/,
    );
    expect(reports.stallsWithTimeout!.ms).toBeGreaterThanOrEqual(199);
    expect(reports.stallsWithTimeout!.ms).toBeLessThan(3_000);
  });

  it('a worker stuck in a busy loop: SyncTimeoutError, and the stuck worker is replaced', () => {
    expect(reports.busyLoopWithTimeout).toMatchObject({ className: 'SyncTimeoutError', timeout: 200, next: 42 });
    expect(reports.busyLoopWithTimeout!.ms).toBeLessThan(3_000);
  });

  it('an argument that cannot be cloned, named', () => {
    expect(reports.uncloneableArgument).toMatchObject({
      className: 'WorkerCloneError',
      what: 'argument 0, .callback', // the path of the part that cannot cross
      message: expect.stringMatching(
        /^workerSynced\(echo\): argument 0, \.callback \(a function \(callback\)\) cannot be cloned to the worker thread\./,
      ),
      cause: expect.stringMatching(/^DataCloneError: /),
      next: 42,
    });
  });

  it('a result that cannot be cloned', () => {
    expect(reports.uncloneableResult).toMatchObject({
      className: 'WorkerCloneError',
      what: 'the result',
      message: expect.stringMatching(
        /^workerSynced\(returnsFunction\): the result \(a function\) cannot be cloned back to the calling thread/,
      ),
      next: 42,
    });
  });

  it('a rejection reason that cannot be cloned', () => {
    expect(reports.uncloneableReason).toMatchObject({
      className: 'WorkerCloneError',
      what: 'the rejection reason',
      message:
        'workerSynced(rejectsWithFunction): the rejection reason (a function (reasonAsFunction)) cannot be cloned back to the calling thread',
      next: 42,
    });
  });

  it('a constructor argument that cannot be cloned, said to be one', () => {
    expect(reports.uncloneableConstructorArgument).toMatchObject({
      className: 'WorkerCloneError',
      what: 'constructor argument 0 of Counter',
      message: expect.stringMatching(
        /^incrementSync\(Counter\.aincrement\): constructor argument 0 of Counter \(an instance of WeakMap\) cannot be cloned .* rebuilt in the worker from its constructor arguments/,
      ),
      next: 42,
    });
  });
});

describe("a server in the caller's own thread", () => {
  it('cannot answer the worker while the caller blocks: SyncTimeoutError with a timeout, then the next call works', async () => {
    const child = await runNode([fixture('server-on-caller-thread.mjs')], { watchdogMs: 20_000 });
    const outcome = lastJson<{ className: string; message: string; ms: number; next: number; async: string }>(child);
    expect(outcome).toMatchObject({
      className: 'SyncTimeoutError',
      message: expect.stringMatching(/^workerSynced\(httpGet\) timed out after 300 ms/),
      next: 3,
      async: '200 hello',
    });
    expect(outcome.ms).toBeLessThan(3_000);
  });
});
