/**
 * Behaviour of the loop pump (issue 2 §3), shown from real child processes: a vitest test body is itself a
 * microtask, where the pump refuses to run. The scripts are test/fixtures/pump/*.cjs, each runnable by hand; each
 * prints one JSON line as its last stdout line.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { lastJson, runNode, type ChildResult, type RunOptions } from './helpers/child.js';

const fixture = (file: string): string => fileURLToPath(new URL(`./fixtures/pump/${file}`, import.meta.url));

/** Runs test/fixtures/pump/<name>.cjs (with `args`) and parses its JSON result line. */
async function runCjs<T>(
  name: string,
  options: RunOptions & { args?: string[] } = {},
): Promise<{ result: T; child: ChildResult }> {
  const { args = [], ...run } = options;
  const child = await runNode([fixture(`${name}.cjs`), ...args], { watchdogMs: 10_000, ...run });
  return { result: lastJson<T>(child), child };
}

describe('the pump sleeps while it waits', () => {
  it('uses under 10% of a 300 ms timer wait in CPU time, at top level and in a setImmediate callback', async () => {
    const { result, child } =
      await runCjs<Record<'topLevel' | 'immediate', { value: string; wallMs: number; cpuMs: number }>>('sleep-cpu');
    for (const run of [result.topLevel, result.immediate]) {
      expect(run.value).toBe('slept');
      expect(run.wallMs).toBeGreaterThanOrEqual(295);
      expect(run.cpuMs).toBeLessThan(30); // 10% of 300 ms; a spinning pump burns ~300 ms
    }
    expect(child.stderr).toBe('');
  });

  // Node 26 leaves its immediate idle handle started inside a setImmediate callback (and the ticks and events run
  // from one): every uv_run returned at once, so the pump spun and never saw the loop as dead.
  it('sleeps and reports a deadlock promptly in setImmediate callbacks and in ticks and events run from one', async () => {
    const { result, child } =
      await runCjs<Record<string, { value: string; cpuMs: number; deadlock: string; deadlockMs: number }>>(
        'sleep-in-immediate',
      );
    expect(Object.keys(result).sort()).toEqual(['emitterInImmediate', 'immediate', 'tickInImmediate']);
    for (const run of Object.values(result)) {
      expect(run.value).toBe('slept');
      expect(run.cpuMs).toBeLessThan(30); // 10% of 300 ms
      expect(run.deadlock).toBe('DeadlockError');
      expect(run.deadlockMs).toBeLessThan(1000);
    }
    expect(child.stderr).toBe('');
  });
});

describe('nested calls', () => {
  it('blocks inside async work that itself blocks from a setImmediate callback, and tracks the depth', async () => {
    const { result } = await runCjs('nested-depth');
    expect(result).toEqual({
      value: 'outer(inner)',
      depth: { before: 0, workStarts: 0, afterAwait: 1, callback: 1, innerWork: 2, afterInner: 1, after: 0 },
    });
  });

  it('refuses, before starting it, a call nested in a timer callback while another call blocks (Node timers are not re-entrant)', async () => {
    const { result } = await runCjs('nested-in-timer');
    expect(result).toEqual({
      value: 'outer settled',
      inner: {
        className: 'SyncContextError',
        functionName: 'innerWork',
        message: expect.stringMatching(
          /^sync\(innerWork\) cannot block here: it was called from a timer callback while another blocking call is in progress.*The work was not started\./,
        ),
        depth: 1,
      },
      innerStarted: false,
      settled: 'timer settled',
      underTimer: { className: 'SyncContextError', depth: 1 }, // an immediate's callback run by a timer's pump
    });
  });

  it('runs other ready callbacks during a pump (re-entrancy)', async () => {
    const { result } = await runCjs('reentrant-callbacks');
    expect(result).toEqual([
      'before sync',
      'unrelated immediate, depth 1',
      'unrelated timer, depth 1',
      'sync returned',
    ]);
  });
});

describe('what runs before the work starts', () => {
  it('ticks and microtasks queued before the first call of a probed stretch run before the work is called', async () => {
    const { result } = await runCjs('before-the-work');
    expect(result).toEqual({
      order: ['tick queued before', 'microtask queued before', 'work called'], // the main script probes
      inImmediate: 'first call in an immediate', // no probe in an immediate's callback
      firstCall: 'DeadlockError', // a tick callback probes: nothing else alive could ever emit again
      laterCall: 'later call, same stretch',
      subscribedFirst: 'subscribed first',
    });
  });

  it.each(['immediate', 'timer'])(
    'a call in a microtask that other code drains inside a %s callback, before any call there pumped, is refused before it starts',
    async (callback) => {
      const { result } = await runCjs('foreign-drain-first', { args: [callback] });
      expect(result).toEqual({
        inDrain: { error: 'SyncContextError', notStarted: true }, // no probe needed there, but other code drained
        later: { value: 'later' },
        nextCallback: { value: 'next callback' },
        started: ['later', 'next callback'],
      });
    },
  );

  it('a call in a microtask that other code drains inside the callback, after a call there pumped, is refused before it starts', async () => {
    const { result } = await runCjs('foreign-drain');
    const refused = { error: 'SyncContextError', notStarted: true };
    expect(result).toEqual({
      first: { value: 'first' },
      inTickCallbackDrain: refused, // process._tickCallback()
      between: { value: 'between' },
      inDeasyncDrain: refused, // a raw deasync loop
      afterCallback: refused, // Node's own checkpoint after the callback
      last: { value: 'last' },
      started: ['first', 'between', 'last'],
    });
  });
});

describe('results V8 delivers as platform tasks (WebAssembly)', () => {
  it('compiles under the pump with nothing else alive, at top level, in setImmediate; refused in an fs callback', async () => {
    const { result } = await runCjs('webassembly');
    expect((result as { trueDeadlock: { message: string } }).trueDeadlock.message).toMatchInlineSnapshot(
      `"sync(neverSettles) can never finish: its promise is pending and the event loop holds nothing (no timer, socket, file request or worker) that could settle it, and nothing came for 0.5 s. A never-settling promise or an unref'd timer look like this. Settle the promise, or await the work instead of blocking on it."`,
    );
    expect(result).toEqual({
      nothingElseAlive: 'compiled',
      trueDeadlock: { name: 'DeadlockError', withinOneSecond: true, message: expect.any(String) },
      topLevel: 'compiled',
      setImmediate: 'compiled',
      fsCallback: 'SyncContextError',
    });
  });
});

describe('timer callbacks', () => {
  it('blocks on timer after timer inside one setTimeout callback, and still tells a real deadlock', async () => {
    const { result } = await runCjs('timer-after-timer');
    expect(result).toEqual({
      'immediate -> immediate': 20,
      'timer -> timer': 20, // before the fix, ~70% of these failed as a false DeadlockError (wedged timers)
      'same duration as the host -> one ms': 1,
      'never -> DeadlockError': 1,
      'after a deadlock -> still works': 1,
    });
  });

  it('leaves the host timer as it was: refreshed in its own callback after a blocking call, it runs again', async () => {
    const { result } = await runCjs('host-timer-refresh');
    expect(result).toEqual({ runs: 3, hasRef: true });
  });
});

describe('AsyncLocalStorage', () => {
  it('the work sees the caller store, the caller keeps it, and foreign callbacks keep theirs', async () => {
    const { result } = await runCjs('async-local-storage');
    expect(result).toEqual({ seenIsCallerStore: true, afterIsCallerStore: true, foreign: 'bob', outside: null });
  });
});

describe('timeout and AbortSignal', () => {
  it('throws SyncTimeoutError with the timeout, the function name and advice', async () => {
    const { result } = await runCjs('timeout-error');
    expect(result).toMatchObject({
      className: 'SyncTimeoutError',
      isAsynchroError: true,
      isTimeoutError: true,
      timeout: 100,
      functionName: 'slowWork',
      message:
        'sync(slowWork) timed out after 100 ms; its signal (currentSignal()) was aborted with this error: work that ' +
        'passes it on stops, other work goes on in the background, its result discarded. Raise `timeout` or await ' +
        'the work instead.',
    });
    expect((result as { elapsedMs: number }).elapsedMs).toBeGreaterThanOrEqual(99);
    expect((result as { elapsedMs: number }).elapsedMs).toBeLessThan(1000);
  });

  it('awaitSync honours timeout too', async () => {
    const { result } = await runCjs('await-sync-timeout');
    expect(result).toEqual({ name: 'SyncTimeoutError', timeout: 50, functionName: 'awaitable' });
  });

  it("ends the wait with the signal's exact reason, and never starts work on an aborted signal", async () => {
    const { result } = await runCjs('abort-signal');
    expect(result).toMatchObject({
      exactReason: true,
      defaultReasonIsSignalReason: true,
      defaultReasonName: 'AbortError',
      alreadyAbortedExact: true,
      startedOnAborted: [],
      awaitSyncExact: true,
      falsyReason: 0,
    });
    expect((result as { abortMs: number }).abortMs).toBeLessThan(1000);
  });
});

describe('no side effects: unhandled rejections, warnings, leaked handles', () => {
  it('prints nothing on stderr under --pending-deprecation --trace-warnings and leaves no unhandled rejection', async () => {
    const { result, child } = await runCjs('no-side-effects', {
      nodeArgs: ['--pending-deprecation', '--trace-warnings'],
    });
    expect(result).toEqual({
      outcomes: [
        'value',
        'TypeError',
        0,
        'RangeError',
        'SyncTimeoutError',
        'TimeoutError',
        'DeadlockError',
        'SyncContextError',
      ],
      unhandled: [],
      warnings: [],
    });
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
  });

  for (const [last, lastCall] of [
    ['a settled call', 'settled'],
    ['a timeout', 'timeout'],
    ['a deadlock', 'deadlock'],
  ] as const) {
    it(`exits by itself right after ${last} (no handle left behind)`, async () => {
      const { result, child } = await runCjs<{ exitDelayMs: number }>('exit-after', { args: [lastCall] });
      expect(child.code).toBe(0);
      expect(result.exitDelayMs).toBeLessThan(100);
    });
  }
});

describe("a test's fake timers", () => {
  it("installed before asynchro loads, they are not the pump's: a deadline still fires, desync still defers", async () => {
    const { result } = await runCjs('fake-timers');
    expect(result).toEqual({
      faked: true,
      timeout: { name: 'SyncTimeoutError', afterMs: expect.any(Number) },
      deferred: 'deferred',
    });
    expect((result as { timeout: { afterMs: number } }).timeout.afterMs).toBeLessThan(2000);
  });
});

describe('no deprecation warning from any path (--pending-deprecation --throw-deprecation)', () => {
  const strict = ['--pending-deprecation', '--throw-deprecation'];

  // The REPL evaluates each line inside a domain, where Node's immediate callback run by a nested loop warned DEP0097.
  for (const mode of ['terminal', 'plain'] as const) {
    it(`an interactive REPL session (${mode}) blocks on immediates and timers, keeps its domain, warns nothing`, async () => {
      const { result, child } = await runCjs<{ printed: string[]; warnings: string[] }>('repl-session', {
        args: [mode],
        nodeArgs: strict,
      });
      expect(result).toEqual({
        printed: [
          'undefined',
          'undefined',
          "'after an immediate'",
          "'after a timer'",
          "'domain kept: true'",
          "'scheduled'",
          'Uncaught Error: thrown later', // caught by the REPL's domain, not a crash
          "'waited past the throw'",
          `'strategies: [{"pump":3}]'`,
          "'session over'",
        ],
        warnings: [],
      });
      expect(child.stderr).toBe('');
    });
  }

  it('the worker (ES module top level, after an await), the pump (immediate, timer), desync, workerDesynced', async () => {
    const child = await runNode([fixture('deprecations.mjs')], { nodeArgs: strict });
    expect(lastJson(child)).toEqual({
      values: [
        'immediate',
        'timer: 2 ms',
        'timer: 1 ms',
        'immediate',
        'timer: 1 ms',
        'immediate',
        'timer: 1 ms',
        'desync',
        'immediate',
      ],
      strategies: { 'sync(immediate)': { worker: 1, pump: 2 }, 'sync(timer)': { worker: 2, pump: 2 } },
      warnings: [],
    });
    expect(child.stderr).toBe('');
  });
});

describe('the pump engine cannot load', () => {
  const preload = fileURLToPath(new URL('./fixtures/block-engine.cjs', import.meta.url));

  it('importing works; every call is refused before it starts with PumpUnavailableError naming the cause', async () => {
    const { result, child } = await runCjs('engine-missing', { nodeArgs: ['--require', preload] });
    const refused = (call: string, started: boolean) => ({
      className: 'PumpUnavailableError',
      message: expect.stringMatching(
        new RegExp(
          `^${call.replace(/[()]/g, '\\$&')} cannot block on Node \\S+ on ${process.platform}-${process.arch} \\([^)]+\\): ` +
            `the loop pump's native engine did not load there \\(simulated: the engine binary does not load here; ` +
            `\`cause\` is the full error\\)\\. The work ${started ? 'had already started' : 'was not started'}`,
        ),
      ),
      causeIsLoadError: true,
    });
    expect(result).toEqual({
      plain: refused('sync(<anonymous>)', false),
      microtasksOnly: refused('sync(<anonymous>)', false),
      timer: refused('sync(waitForTimer)', false),
      again: refused('awaitSync(awaitable)', true), // its caller started the work
      started: [],
    });
    expect(child.stderr).toBe('');
  });

  it('an ES module can still import asynchro', async () => {
    const child = await runNode([fixture('engine-missing.mjs')], { nodeArgs: ['--require', preload] });
    expect(lastJson(child)).toEqual(['PumpUnavailableError', true]);
  });
});

describe('SyncContextError inside a microtask', () => {
  it('refuses a coroutine before it starts; a plain function returning a promise has started, and its rejection stays handled', async () => {
    const { result } = await runCjs('microtask-refusal');
    const advice = 'where turning the event loop would hang. %s Await the async function instead';
    expect(result).toEqual({
      plain: {
        className: 'SyncContextError',
        functionName: 'plainWork',
        message: expect.stringContaining(
          advice.replace('%s', 'The work had already started and goes on without a waiter.'),
        ),
        started: ['plainWork'],
      },
      coroutine: {
        className: 'SyncContextError',
        functionName: 'asyncWork',
        message: expect.stringContaining(advice.replace('%s', 'The work was not started.')),
        started: [],
      },
      plainValue: { value: 42 },
      unhandled: [],
    });
    expect((result as { coroutine: { message: string } }).coroutine.message).toMatch(
      /^sync\(asyncWork\) cannot block here: the caller is running inside a microtask/,
    );
  });
});
