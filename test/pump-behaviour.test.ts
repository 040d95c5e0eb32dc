/**
 * Behaviour of the loop pump (issue 2 §3), shown from real child processes: a vitest test body is itself a
 * microtask, where the pump refuses to run. Each script prints one JSON line as its last stdout line.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { lastJson, runScript, type ChildResult, type RunOptions } from './helpers/child.js';

const PRELUDE = `'use strict';
const asynchro = require('asynchro');
const { sync, synced, awaitSync, pumpDepth } = asynchro;
const delay = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const report = (result) => console.log(JSON.stringify(result));
`;

async function runCjs<T>(body: string, options: RunOptions = {}): Promise<{ result: T; child: ChildResult }> {
  const child = await runScript(PRELUDE + body, 'cjs', { watchdogMs: 10_000, ...options });
  return { result: lastJson<T>(child), child };
}

describe('the pump sleeps while it waits', () => {
  it('uses under 10% of a 300 ms timer wait in CPU time, at top level and in a setImmediate callback', async () => {
    const { result, child } = await runCjs<Record<'topLevel' | 'immediate', { value: string; wallMs: number; cpuMs: number }>>(`
sync(() => new Promise((resolve) => setImmediate(resolve))); // warm-up: loads deasync
function measure() {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = sync(() => delay(300, 'slept'));
  const used = process.cpuUsage(cpu);
  return { value, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}
const topLevel = measure();
setImmediate(() => report({ topLevel, immediate: measure() }));
`);
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
    const { result, child } = await runCjs<Record<string, { value: string; cpuMs: number; deadlock: string; deadlockMs: number }>>(`
const { EventEmitter } = require('node:events');
sync(() => new Promise((resolve) => setImmediate(resolve))); // warm-up: loads deasync
function measure() {
  const cpu = process.cpuUsage();
  const value = sync(() => delay(300, 'slept'));
  const used = process.cpuUsage(cpu);
  const started = performance.now();
  let deadlock;
  try { sync(() => new Promise(() => {})); } catch (error) { deadlock = error.name; }
  return { value, cpuMs: (used.user + used.system) / 1000, deadlock, deadlockMs: performance.now() - started };
}
const out = {};
const emitter = new EventEmitter().on('ready', () => (out.emitterInImmediate = measure()));
setImmediate(() => {
  out.immediate = measure();
  process.nextTick(() => (out.tickInImmediate = measure()));
  emitter.emit('ready');
  setImmediate(() => report(out));
});
`);
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
    const { result } = await runCjs(`
const depth = { before: pumpDepth() };
const value = sync(async () => {
  depth.workStarts = pumpDepth(); // the work's synchronous start runs before the pump
  await delay(5);
  depth.afterAwait = pumpDepth(); // continuations run inside the pump
  return new Promise((resolve) => setImmediate(() => {
    depth.callback = pumpDepth();
    const inner = sync(async () => {
      await delay(5);
      depth.innerWork = pumpDepth();
      return 'inner';
    });
    depth.afterInner = pumpDepth();
    resolve('outer(' + inner + ')');
  }));
});
depth.after = pumpDepth();
report({ value, depth });
`);
    expect(result).toEqual({
      value: 'outer(inner)',
      depth: { before: 0, workStarts: 0, afterAwait: 1, callback: 1, innerWork: 2, afterInner: 1, after: 0 },
    });
  });

  it('refuses, before starting it, a call nested in a timer callback while another call blocks (Node timers are not re-entrant)', async () => {
    const { result } = await runCjs(`
let inner;
let innerStarted = false;
const value = sync(() => new Promise((resolve) => setTimeout(() => {
  try {
    sync(async function innerWork() { innerStarted = true; await delay(5); });
  } catch (error) {
    inner = { className: error.constructor.name, functionName: error.functionName, message: error.message, depth: pumpDepth() };
  }
  resolve('outer settled');
}, 5)));
report({ value, inner, innerStarted });
`);
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
    });
  });

  it('runs other ready callbacks during a pump (re-entrancy)', async () => {
    const { result } = await runCjs(`
const order = [];
setImmediate(() => order.push('unrelated immediate, depth ' + pumpDepth()));
setTimeout(() => order.push('unrelated timer, depth ' + pumpDepth()), 1);
order.push('before sync');
order.push(sync(() => delay(20, 'sync returned')));
report(order);
`);
    expect(result).toEqual(['before sync', 'unrelated immediate, depth 1', 'unrelated timer, depth 1', 'sync returned']);
  });
});

describe('what runs before the work starts', () => {
  it('ticks and microtasks queued before the first call of a stretch run before the work is called', async () => {
    const { result } = await runCjs(`
const { EventEmitter, once } = require('node:events');
const order = [];
process.nextTick(() => order.push('tick queued before'));
Promise.resolve().then(() => order.push('microtask queued before'));
sync(() => { order.push('work called'); return delay(1); });

// So an event emitted on a tick can be gone before a work that subscribes to it starts: subscribe first.
const emitter = new EventEmitter();
const receive = () => { try { return synced(() => once(emitter, 'ready'))()[0]; } catch (error) { return error.name; } };
setImmediate(() => {
  process.nextTick(() => emitter.emit('ready', 'first call of a stretch'));
  const firstCall = receive(); // the context probe ran the tick before once() subscribed
  sync(() => delay(1)); // a call that returned: the rest of this stretch needs no probe
  process.nextTick(() => emitter.emit('ready', 'later call, same stretch'));
  const laterCall = receive(); // once() subscribed before the tick ran
  setImmediate(() => {
    const subscribedFirst = once(emitter, 'ready');
    process.nextTick(() => emitter.emit('ready', 'subscribed first'));
    report({ order, firstCall, laterCall, subscribedFirst: awaitSync(subscribedFirst)[0] });
  });
});
`);
    expect(result).toEqual({
      order: ['tick queued before', 'microtask queued before', 'work called'],
      firstCall: 'DeadlockError', // nothing else alive could ever emit again
      laterCall: 'later call, same stretch',
      subscribedFirst: 'subscribed first',
    });
  });
});

describe('results V8 delivers as platform tasks (WebAssembly)', () => {
  it('compiles under the pump with nothing else alive, at top level, in setImmediate; refused in an fs callback', async () => {
    const { result } = await runCjs(`
const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]); // the smallest valid module
const compile = () => {
  try { return synced(() => WebAssembly.compile(bytes).then(() => 'compiled'), { timeout: 2000 })(); } catch (error) { return error.name; }
};
const never = () => {
  const started = performance.now();
  try { sync(function neverSettles() { return new Promise(() => {}); }); } catch (error) {
    return { name: error.name, withinOneSecond: performance.now() - started < 1000, message: error.message };
  }
};
// libuv does not know of the compilation: a dead-looking loop is polled a while before it counts as a deadlock
const out = { nothingElseAlive: compile(), trueDeadlock: never() };
const keepAlive = setInterval(() => {}, 50);
out.topLevel = compile();
setImmediate(() => {
  out.setImmediate = compile();
  require('node:fs').stat(__filename, () => {
    out.fsCallback = compile(); // a thread-pool callback hides the platform-task handle: refused, not a wait forever
    clearInterval(keepAlive);
    report(out);
  });
});
`);
    expect((result as { trueDeadlock: { message: string } }).trueDeadlock.message).toMatchInlineSnapshot(`"sync(neverSettles) can never finish: its promise is pending and the event loop holds nothing (no timer, socket, file request or worker) that could settle it, and nothing came for 0.5 s. A never-settling promise or an unref'd timer look like this. Settle the promise, or await the work instead of blocking on it."`);
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
    const { result } = await runCjs(`
const tally = {};
const attempt = (label, call) => {
  let outcome;
  try { outcome = String(call()); } catch (error) { outcome = error.name + (/can never finish:/.test(error.message) ? '' : ' (wedged)'); }
  tally[label + ' -> ' + outcome] = (tally[label + ' -> ' + outcome] ?? 0) + 1;
};
setTimeout(() => {
  for (let i = 0; i < 20; i++) {
    attempt('immediate', () => sync(() => new Promise((resolve) => setImmediate(resolve, 'immediate'))));
    attempt('timer', () => sync(delay, 20, 'timer'));
  }
  attempt('same duration as the host', () => sync(delay, 1, 'one ms'));
  attempt('never', () => sync(() => new Promise(() => {})));
  attempt('after a deadlock', () => sync(delay, 5, 'still works'));
  report(tally);
}, 1);
`);
    expect(result).toEqual({
      'immediate -> immediate': 20,
      'timer -> timer': 20, // before the fix, ~70% of these failed as a false DeadlockError (wedged timers)
      'same duration as the host -> one ms': 1,
      'never -> DeadlockError': 1,
      'after a deadlock -> still works': 1,
    });
  });

  it('leaves the host timer as it was: refreshed in its own callback after a blocking call, it runs again', async () => {
    const { result } = await runCjs(`
let runs = 0;
const host = setTimeout(() => {
  runs++;
  sync(delay, 5);
  if (runs < 3) host.refresh();
  else report({ runs, hasRef: host.hasRef() });
}, 1);
`);
    expect(result).toEqual({ runs: 3, hasRef: true });
  });
});

describe('AsyncLocalStorage', () => {
  it('the work sees the caller store, the caller keeps it, and foreign callbacks keep theirs', async () => {
    const { result } = await runCjs(`
const { AsyncLocalStorage } = require('node:async_hooks');
const als = new AsyncLocalStorage();
const ada = { user: 'ada' };
let foreign, result;
als.run({ user: 'bob' }, () => setTimeout(() => (foreign = als.getStore().user), 1));
als.run(ada, () => {
  const seen = sync(async () => {
    await delay(5);
    return als.getStore();
  });
  result = { seenIsCallerStore: seen === ada, afterIsCallerStore: als.getStore() === ada, foreign };
});
report({ ...result, outside: als.getStore() ?? null });
`);
    expect(result).toEqual({ seenIsCallerStore: true, afterIsCallerStore: true, foreign: 'bob', outside: null });
  });
});

describe('timeout and AbortSignal', () => {
  it('throws SyncTimeoutError with the timeout, the function name and advice', async () => {
    const { result } = await runCjs(`
let handle;
const slowWork = () => new Promise((resolve) => (handle = setTimeout(resolve, 5000, 'late')));
const started = performance.now();
try {
  synced(slowWork, { timeout: 100 })();
} catch (error) {
  clearTimeout(handle);
  report({
    className: error.constructor.name,
    isAsynchroError: error instanceof asynchro.AsynchroError,
    isTimeoutError: error instanceof asynchro.SyncTimeoutError,
    timeout: error.timeout,
    functionName: error.functionName,
    message: error.message,
    elapsedMs: performance.now() - started,
  });
}
`);
    expect(result).toMatchObject({
      className: 'SyncTimeoutError',
      isAsynchroError: true,
      isTimeoutError: true,
      timeout: 100,
      functionName: 'slowWork',
      message:
        'sync(slowWork) timed out after 100 ms; the work is still running in the background and its result will be ' +
        'discarded. Raise `timeout` or await the work instead.',
    });
    expect((result as { elapsedMs: number }).elapsedMs).toBeGreaterThanOrEqual(99);
    expect((result as { elapsedMs: number }).elapsedMs).toBeLessThan(1000);
  });

  it('awaitSync honours timeout too', async () => {
    const { result } = await runCjs(`
const handle = setTimeout(() => {}, 5000);
try { awaitSync(delay(3000), { timeout: 50 }); } catch (error) {
  clearTimeout(handle);
  report({ name: error.name, timeout: error.timeout, functionName: error.functionName });
  process.exit(0); // the 3 s delay is the test's own handle
}
`);
    expect(result).toEqual({ name: 'SyncTimeoutError', timeout: 50, functionName: 'awaitable' });
  });

  it("ends the wait with the signal's exact reason, and never starts work on an aborted signal", async () => {
    const { result } = await runCjs(`
const handles = [];
const started = [];
const slowWork = () => { started.push('slowWork'); return new Promise((resolve) => handles.push(setTimeout(resolve, 5000))); };
const outcome = (call) => { try { return { value: call() }; } catch (reason) { return { reason }; } };

const custom = new AbortController();
const reason = new Error('user cancelled');
setTimeout(() => custom.abort(reason), 50);
const t0 = performance.now();
const aborted = outcome(() => synced(slowWork, { signal: custom.signal })());
const abortMs = performance.now() - t0;

const plain = new AbortController();
setTimeout(() => plain.abort(), 10);
const defaultReason = outcome(() => synced(slowWork, { signal: plain.signal })());

started.length = 0;
const early = AbortSignal.abort(reason);
const alreadyAborted = outcome(() => synced(slowWork, { signal: early })());
const startedOnAborted = [...started];
const awaitSyncAborted = outcome(() => awaitSync(delay(10), { signal: early }));
const falsy = outcome(() => synced(slowWork, { signal: AbortSignal.abort(0) })());

handles.forEach(clearTimeout);
report({
  exactReason: aborted.reason === reason,
  abortMs,
  defaultReasonIsSignalReason: defaultReason.reason === plain.signal.reason,
  defaultReasonName: defaultReason.reason.name,
  alreadyAbortedExact: alreadyAborted.reason === reason,
  startedOnAborted,
  awaitSyncExact: awaitSyncAborted.reason === reason,
  falsyReason: falsy.reason,
});
`);
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
    const { result, child } = await runCjs(
      `
const seen = { unhandled: [], warnings: [] };
process.on('unhandledRejection', (reason) => seen.unhandled.push(String(reason)));
process.on('warning', (warning) => seen.warnings.push(warning.name + ': ' + warning.message));
const attempt = (call) => { try { return call(); } catch (error) { return error && error.name; } };
const lateFailure = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error('late')), ms));

const outcomes = [
  attempt(() => sync(async () => 'value')),
  attempt(() => sync(async () => { await delay(1); throw new TypeError('custom'); })),
  attempt(() => sync(() => new Promise((_, reject) => setImmediate(() => reject(0))))),
  attempt(() => awaitSync(Promise.reject(new RangeError('held')))),
  attempt(() => synced(() => lateFailure(30), { timeout: 5 })()),
  attempt(() => synced(() => lateFailure(30), { signal: AbortSignal.timeout(5) })()),
  attempt(() => sync(() => new Promise(() => {}))),
];
Promise.resolve().then(() => {
  outcomes.push(attempt(() => sync(() => lateFailure(10)))); // refused in a microtask, after it started
  setTimeout(() => report({ outcomes, ...seen }), 60);
});
`,
      { nodeArgs: ['--pending-deprecation', '--trace-warnings'] },
    );
    expect(result).toEqual({
      outcomes: ['value', 'TypeError', 0, 'RangeError', 'SyncTimeoutError', 'TimeoutError', 'DeadlockError', 'SyncContextError'],
      unhandled: [],
      warnings: [],
    });
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
  });

  for (const [last, call] of [
    ['a settled call', `sync(() => delay(20, 'done'))`],
    ['a timeout', `(() => { let h; try { synced(() => new Promise((r) => (h = setTimeout(r, 5000))), { timeout: 30 })(); } catch { clearTimeout(h); } })()`],
    ['a deadlock', `(() => { try { sync(() => new Promise(() => {})); } catch {} })()`],
  ] as const) {
    it(`exits by itself right after ${last} (no handle left behind)`, async () => {
      const { result, child } = await runCjs<{ exitDelayMs: number }>(`
let lastCallEnded;
process.on('exit', () => report({ exitDelayMs: performance.now() - lastCallEnded }));
${call};
lastCallEnded = performance.now();
`);
      expect(child.code).toBe(0);
      expect(result.exitDelayMs).toBeLessThan(100);
    });
  }
});

describe('deasync cannot load', () => {
  const preload = fileURLToPath(new URL('./fixtures/block-deasync.cjs', import.meta.url));

  it('importing works, plain and microtask-only work still run, waiting on the loop throws AsynchroError naming the cause', async () => {
    const { result, child } = await runCjs(
      `
const attempt = (call) => { try { return { value: call() }; } catch (error) {
  return { className: error.constructor.name, message: error.message, causeIsLoadError: error.cause === globalThis.deasyncLoadError };
} };
report({
  plain: attempt(() => sync((x) => x * 2, 21)),
  microtasksOnly: attempt(() => sync(async () => 'settled during the first drain')),
  timer: attempt(() => sync(function waitForTimer() { return delay(5, 'never seen'); })),
  again: attempt(() => awaitSync(delay(5))),
});
`,
      { nodeArgs: ['--require', preload] },
    );
    const unavailable = {
      className: 'AsynchroError',
      message: expect.stringContaining('The loop pump is unavailable: deasync could not be loaded on linux-'),
      causeIsLoadError: true,
    };
    expect(result).toEqual({
      plain: { value: 42 },
      microtasksOnly: { value: 'settled during the first drain' },
      timer: unavailable,
      again: unavailable,
    });
    expect((result as { timer: { message: string } }).timer.message).toContain('(simulated: no deasync binary for this platform)');
    expect(child.stderr).toBe('');
  });

  it('an ES module can still import asynchro', async () => {
    const child = await runScript(
      `import { sync, isAwaitable } from 'asynchro';\nconsole.log(JSON.stringify([sync(() => 'plain'), isAwaitable(Promise.resolve())]));\n`,
      'mjs',
      { nodeArgs: ['--require', preload] },
    );
    expect(lastJson(child)).toEqual(['plain', true]);
  });
});

describe('SyncContextError inside a microtask', () => {
  it('refuses a coroutine before it starts; a plain function returning a promise has started, and its rejection stays handled', async () => {
    const { result } = await runCjs(`
const started = [];
const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(String(reason)));
function plainWork() {
  started.push('plainWork');
  return new Promise((_, reject) => setTimeout(() => reject(new Error('late failure')), 10));
}
async function asyncWork() {
  started.push('asyncWork');
  await delay(10);
}
const describeError = (call) => { try { return { value: call() }; } catch (error) {
  return { className: error.constructor.name, functionName: error.functionName, message: error.message, started: [...started] };
} };
Promise.resolve().then(() => {
  const plain = describeError(() => sync(plainWork));
  started.length = 0;
  const coroutine = describeError(() => sync(asyncWork));
  const plainValue = describeError(() => sync((x) => x + 1, 41));
  setTimeout(() => report({ plain, coroutine, plainValue, unhandled }), 50);
});
`);
    const advice = 'where turning the event loop would hang. %s Await the async function instead';
    expect(result).toEqual({
      plain: {
        className: 'SyncContextError',
        functionName: 'plainWork',
        message: expect.stringContaining(advice.replace('%s', 'The work had already started and goes on without a waiter.')),
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
    expect((result as { coroutine: { message: string } }).coroutine.message).toMatch(/^sync\(asyncWork\) cannot block here: the caller is running inside a microtask/);
  });
});
