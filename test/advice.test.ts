/**
 * Every piece of advice an error gives works when followed. ADVICE below lists each one (message -> advice -> the
 * test that follows it); the last test checks that every test it names exists. Most are followed here:
 * test/fixtures/advice/contexts.cjs makes each refused call where it really happens (a microtask, a timer callback
 * during a blocking call, a thread-pool callback, strategy 'worker' for a closure, a timeout, re-entrancy under
 * 'throw', a decoration whose variant names collide), test/fixtures/advice/worker.cjs the worker path's and the
 * decorators' refusals, and this file's own test bodies (microtasks) the advice for tests; each then follows the
 * message's advice literally and records what the call gives. The messages are pinned in messages.test.ts, and here
 * for those it does not show.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncContextError, sync } from 'asynchro-bridge';
import { pumped, runPumped } from 'asynchro-bridge/testing';
import { lastJson, repoRoot, runNode } from './helpers/child.js';

/** Each piece of advice, by the message that gives it, and where it is followed: `file › the test or outcome`. */
const ADVICE: [message: string, advice: string, followed: string][] = [
  // SyncContextError, by where the pump cannot block
  ['SyncContextError: microtask', 'await the async function', 'advice.test.ts › microtask: await the async function'],
  ['SyncContextError: microtask', 'call from CommonJS', 'advice.test.ts › microtask: call from CommonJS'],
  [
    'SyncContextError: microtask',
    'call from a setImmediate callback',
    'advice.test.ts › microtask: call from a setImmediate callback',
  ],
  ['SyncContextError: microtask', 'in a test, pumped', 'advice.test.ts › in a test body: pumped'],
  ['SyncContextError: microtask', 'in a test, runPumped', 'advice.test.ts › in a test body: refused, then runPumped'],
  [
    'SyncContextError: microtask',
    'make the target relocatable',
    'advice.test.ts › microtask: make the target relocatable',
  ],
  [
    'SyncContextError: nested in a timer callback',
    'call from a setImmediate callback',
    'advice.test.ts › nested in a timer callback: from a setImmediate callback',
  ],
  [
    'SyncContextError: thread-pool callback',
    'call from a setImmediate callback',
    'advice.test.ts › thread-pool callback: from a setImmediate callback',
  ],
  [
    'SyncContextError: MessagePort callback',
    'call from a setImmediate callback',
    'hostile/message-port.test.ts › works from a setImmediate in it',
  ],
  [
    'SyncContextError: later immediate of a turn',
    'call from a timer callback',
    "hostile/immediate-turn.test.ts › the refusal's advice works: the same call from a timer callback blocks",
  ],
  [
    "SyncContextError: strategy 'worker' for a closure",
    'workerSynced(module, exportName)',
    "advice.test.ts › strategy 'worker' for a closure: workerSynced(module, exportName)",
  ],
  [
    "SyncContextError: strategy 'worker' for a closure",
    'the class option module',
    "advice.test.ts › strategy 'worker' for a closure: the class option module",
  ],
  [
    'SyncContextError: a resource of a subclassed client',
    'decorate the subclass in a module of its own',
    'resource-errors.test.ts › works with MyClient decorated in a module that only defines and exports it',
  ],
  [
    'SyncContextError: a resource of a subclassed client',
    'call from a setImmediate callback',
    'resource-errors.test.ts › works from a setImmediate callback',
  ],
  [
    'SyncContextError: a resource of a subclassed client',
    'call from CommonJS',
    'resource-errors.test.ts › works from CommonJS',
  ],
  [
    'SyncContextError: a tick from a thread-pool callback (found while waiting)',
    'leave the callback with setImmediate',
    'advice.test.ts › tick from a thread-pool callback: leave it with setImmediate',
  ],
  [
    'SyncContextError: a tick from a thread-pool callback (found while waiting)',
    'await the work',
    'advice.test.ts › tick from a thread-pool callback: await the work',
  ],
  [
    "SyncContextError: in asynchro's worker thread",
    'make the worker target async and await there',
    'advice.test.ts › a worker target that blocks: make it async and await there',
  ],
  [
    'SyncDepthError',
    'the async method in callbacks that run during a blocking call',
    'advice.test.ts › too deep: the async method in the deepest callback',
  ],
  // DivergenceError
  [
    'DivergenceError',
    'await the async method',
    'divergence.test.ts › await the async method instead: the mock is used',
  ],
  [
    'DivergenceError',
    'call from a setImmediate callback',
    'divergence.test.ts › make the call from a setImmediate callback',
  ],
  ['DivergenceError', 'call from CommonJS', 'divergence.test.ts › make the call from CommonJS'],
  ['DivergenceError', 'in a test, runPumped', 'divergence.test.ts › in a test, runPumped'],
  ['DivergenceError', 'in a test, pumped', 'divergence.test.ts › in a test, pumped'],
  [
    'DivergenceError',
    "syncView(object, { divergence: 'allow' })",
    "divergence.test.ts › opt in with syncView(object, { divergence: 'allow' })",
  ],
  [
    'DivergenceError',
    "the class's decorator options",
    "divergence.test.ts › opt in with the class's decorator options",
  ],
  // PumpUnavailableError
  [
    'PumpUnavailableError',
    'make the target relocatable (strategy auto sends it to a worker)',
    'pump-unavailable.test.ts › relocatable ones return from the worker',
  ],
  // pump outcomes
  ['SyncTimeoutError', 'raise timeout', 'advice.test.ts › timeout: raise timeout'],
  ['DeadlockError (pump)', 'settle the promise', 'advice.test.ts › pump deadlock: settle the promise'],
  ['DeadlockError (pump)', 'await the work', 'advice.test.ts › pump deadlock: await the work'],
  [
    'ReentrancyError',
    "reentrancy: 'allow' on the outer call",
    "advice.test.ts › reentrancy: set reentrancy: 'allow' on the outer call",
  ],
  [
    'ReentrancyError (instance)',
    'after the blocked call has returned',
    'advice.test.ts › re-entered instance: after the blocked call has returned',
  ],
  [
    'ReentrancyError (instance)',
    'the async method in the callback',
    'advice.test.ts › re-entered instance: the async method in the callback',
  ],
  // the worker path
  ['WorkerStartupError: export missing', 'name one of them', 'advice.test.ts › export missing: name one of them'],
  [
    'WorkerStartupError: export missing',
    'export it from that module',
    'advice.test.ts › export missing: export it from that module',
  ],
  [
    'WorkerStartupError: export not a function',
    'name an export that is one',
    'advice.test.ts › export not a function: name an export that is one',
  ],
  [
    'WorkerStartupError: runner not found (setWorkerRunner)',
    "the path of 'asynchro-bridge/worker-runner'",
    "advice.test.ts › setWorkerRunner: the path of 'asynchro-bridge/worker-runner'",
  ],
  [
    'WorkerStartupError: runner not found (setWorkerRunner)',
    "the file: URL of 'asynchro-bridge/worker-runner'",
    "advice.test.ts › setWorkerRunner: the file: URL of 'asynchro-bridge/worker-runner'",
  ],
  [
    'WorkerStartupError: runner not found (ASYNCHRO_WORKER_RUNNER)',
    "the path of 'asynchro-bridge/worker-runner'",
    'advice.test.ts › ASYNCHRO_WORKER_RUNNER: as set',
  ],
  [
    'WorkerStartupError: a .ts module without a loader',
    "NODE_OPTIONS='--import tsx'",
    'toolchains/typescript.test.ts › under tsx (NODE_OPTIONS=',
  ],
  [
    'WorkerStartupError: a .ts module without a loader',
    'let Node strip types',
    'toolchains/typescript.test.ts › with no loader, under Node type stripping',
  ],
  [
    'WorkerStartupError: webpack bundled the module',
    'keep its package out of the bundle (externals)',
    'toolchains/bundled-apps.test.ts › webpack with externals: every call gives its value',
  ],
  [
    'WorkerStartupError: Next.js bundled the module',
    'serverExternalPackages',
    'toolchains/next-app.test.ts › route handler, a package listed in serverExternalPackages',
  ],
  [
    'WorkerStartupError: a relocatable module inlined into the entry file (esbuild, rollup, vite)',
    'make it an entry point (entryPoints with splitting, input, build.rollupOptions.input)',
    'toolchains/bundled-apps.test.ts › an app built with %s by its recipe',
  ],
  [
    'PumpUnavailableError: the engine not found beside a bundle',
    "copy the folder prebuilds into the bundle's folder",
    "toolchains/bundled-apps.test.ts › deployed without node_modules, the engine's prebuilds/ copied beside",
  ],
  [
    'PumpUnavailableError: the engine not found beside a bundle',
    'deploy the production dependencies with the bundle',
    'toolchains/bundled-apps.test.ts › deployed with node_modules: every call gives its value',
  ],
  [
    "PumpUnavailableError: the engine not found in Next.js's standalone output",
    'outputFileTracingIncludes',
    'toolchains/next-app.test.ts › route handler, a package listed in serverExternalPackages',
  ],
  [
    'WorkerStartupError: --permission without --allow-worker',
    'add --allow-worker',
    'hostile/permission-no-worker.test.ts › work with --allow-worker',
  ],
  [
    'WorkerStartupError: --permission without --allow-worker',
    "strategy 'pump'",
    "hostile/permission-no-worker.test.ts › work with strategy 'pump'",
  ],
  [
    'WorkerLimitError',
    'raise ASYNCHRO_MAX_WORKERS',
    'recursion.test.ts › The advice followed: a higher limit lets the same calls through',
  ],
  [
    'WorkerRecursionError',
    'move the class into a module without side effects',
    'recursion.test.ts › works once the advice is followed',
  ],
  [
    'WorkerCloneError: constructor argument',
    "twinArgs leaves out the function, and divergence: 'allow'",
    "divergence.test.ts › opt in with the class's decorator options",
  ],
  [
    'DeadlockError (worker)',
    'settle the promise in the worker',
    'advice.test.ts › worker deadlock: settle the promise in the worker',
  ],
  [
    'DeadlockError (worker)',
    'call the async function here and await it',
    'advice.test.ts › worker deadlock: call the async function here and await it',
  ],
  [
    'DeadlockError (served here)',
    'run that server in another thread',
    'worker/served-here.test.ts › no false alarm: a server on another thread answers the blocked call',
  ],
  ['DeadlockError (served here)', 'await the call (workerDesynced)', "worker/served-here.test.ts › async: '200 hello'"],
  [
    'PumpUnavailableError: a bundle without the engine',
    "copy node_modules/asynchro-bridge/prebuilds into the bundle's folder",
    "toolchains/bundled-apps.test.ts › deployed without node_modules, the engine's prebuilds/ copied beside",
  ],
  [
    'WorkerStartupError: esbuild bundled the module into the entry file',
    "an entry point of its own, with splitting: true and format: 'esm'",
    'toolchains/bundled-apps.test.ts › deployed with node_modules: every call gives its value',
  ],
  // the decorators
  [
    'DecorationError: two methods, one variant',
    'rename one',
    'advice.test.ts › decorator: two methods, one variant: rename one',
  ],
  [
    'DecorationError: variant name taken by an accessor',
    'rename the variant',
    'advice.test.ts › decorator: variant name taken by an accessor: rename the variant',
  ],
  [
    'DecorationError: include names no async method',
    'name an async method',
    'advice.test.ts › decorator: include names no async method: name an async method',
  ],
  [
    'DecorationError: include names no async method',
    'a static one with statics: true',
    'advice.test.ts › decorator: include names no async method: a static one with statics: true',
  ],
  [
    'DecorationError: rename returns a number',
    'a non-empty string',
    'advice.test.ts › decorator: rename returns a number: a non-empty string',
  ],
  [
    'DecorationError: rename returns a number',
    'undefined for no variant',
    'advice.test.ts › decorator: rename returns a number: undefined for no variant',
  ],
  [
    'DecorationError: not a class',
    'apply it to a class',
    'advice.test.ts › decorator: not a class: apply it to a class',
  ],
  [
    'DecorationError: not a class',
    'exposeSync(Class, options)',
    'advice.test.ts › decorator: not a class: exposeSync(Class, options)',
  ],
];

type Outcome = { value: unknown } | { error: string };

describe('the advice of each refusal, followed', () => {
  it('makes the refused call work', async () => {
    const child = await runNode([join(repoRoot, 'test', 'fixtures', 'advice', 'contexts.cjs')], { watchdogMs: 30_000 });
    const outcomes = lastJson<Record<string, Outcome>>(child);
    const refused = Object.fromEntries(
      Object.entries(outcomes)
        .filter(([label]) => label.endsWith(': refused'))
        .map(([label, outcome]) => [label, 'error' in outcome ? outcome.error.split(':')[0] : 'not refused']),
    );
    expect(refused).toEqual({
      'microtask: refused': 'SyncContextError',
      'nested in a timer callback: refused': 'SyncContextError',
      'thread-pool callback: refused': 'SyncContextError',
      "strategy 'worker' for a closure: refused": 'SyncContextError',
      'timeout: refused': 'SyncTimeoutError',
      'reentrancy: refused': 'ReentrancyError',
      're-entered instance: refused': 'ReentrancyError',
      'decorator: two methods, one variant: refused': 'DecorationError',
      'decorator: variant name taken by an accessor: refused': 'DecorationError',
      'tick from a thread-pool callback: refused': 'SyncContextError',
      'too deep: refused': 'SyncDepthError',
    });
    const followed = Object.fromEntries(Object.entries(outcomes).filter(([label]) => !label.endsWith(': refused')));
    const onThisThread = { value: expect.objectContaining({ thread: 0 }) };
    const onAWorker = { value: expect.objectContaining({ thread: expect.any(Number) }) };
    expect(followed).toEqual({
      'microtask: await the async function': onThisThread,
      'microtask: call from a setImmediate callback': onThisThread,
      'microtask: call from CommonJS': onThisThread,
      'microtask: make the target relocatable': onAWorker,
      'nested in a timer callback: from a setImmediate callback': onThisThread,
      'thread-pool callback: from a setImmediate callback': onThisThread,
      "strategy 'worker' for a closure: workerSynced(module, exportName)": onAWorker,
      "strategy 'worker' for a closure: the class option module": onAWorker,
      'decorator: two methods, one variant: rename one': { value: ['getUserSync', 'getUserDirectlySync'] },
      'decorator: variant name taken by an accessor: rename the variant': { value: ['fetchUserSync'] },
      'timeout: raise timeout': { value: 'slow' },
      "reentrancy: set reentrancy: 'allow' on the outer call": onThisThread,
      're-entered instance: after the blocked call has returned': { value: 'fast' },
      're-entered instance: the async method in the callback': { value: 'fast' },
      'tick from a thread-pool callback: leave it with setImmediate': { value: 'echo: left' },
      'tick from a thread-pool callback: await the work': { value: 'echo: awaited' },
      'too deep: the async method in the deepest callback': onThisThread,
    });
    expect(
      (followed['microtask: make the target relocatable'] as { value: { thread: number } }).value.thread,
    ).toBeGreaterThan(0);
  });
});

describe('the advice for tests: in a test body (a microtask), blocking with the pump', () => {
  const fetchUser = async (id: number) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { id, thread: (await import('node:worker_threads')).threadId };
  };

  it('in a test body: refused, then runPumped', async () => {
    expect(() => sync(fetchUser, 1)).toThrow(SyncContextError);
    expect(() => sync(fetchUser, 1)).toThrow(/in a test, so do `pumped` and `runPumped` from asynchro-bridge\/testing/);
    expect(await runPumped(() => sync(fetchUser, 1))).toEqual({ id: 1, thread: 0 });
  });

  it(
    'in a test body: pumped',
    pumped(() => {
      expect(sync(fetchUser, 2)).toEqual({ id: 2, thread: 0 });
    }),
  );
});

describe('the advice of the worker path and the decorators, followed', () => {
  it('makes the refused call work', async () => {
    const child = await runNode([join(repoRoot, 'test', 'fixtures', 'advice', 'worker.cjs')], { watchdogMs: 30_000 });
    const outcomes = lastJson<Record<string, Outcome>>(child);
    const root = repoRoot.replace(/\/$/, '');
    const refused = Object.fromEntries(
      Object.entries(outcomes)
        .filter(([label]) => label.endsWith(': refused'))
        .map(([label, outcome]) => [
          label,
          'error' in outcome ? outcome.error.replaceAll(root, '<repo>') : 'not refused',
        ]),
    );
    expect(refused).toMatchInlineSnapshot(`
      {
        "a worker target that blocks: refused": "SyncContextError: sync(<anonymous>) cannot block here: it was called in asynchro's worker thread (a worker target, or code it runs), whose event loop serves the thread that is blocked waiting for this call: blocking that loop would nest it under the call it is running. The work had already started and goes on without a waiter. Await the async function instead, make the worker target async and await there (its caller blocks on it anyway), or make the target relocatable so it can run in a worker thread.",
        "decorator: include names no async method: refused": "DecorationError: exposeSync(Client): include names 'getUser', which is not an async method of Client (static methods count only with statics: true).",
        "decorator: not a class: refused": "DecorationError: exposeSync decorates classes: got number. Apply it to a class, or call exposeSync(Class, options).",
        "decorator: rename returns a number: refused": "DecorationError: exposeSync(Client): rename('agetUser') returned 42; expected a non-empty string, or undefined for no variant.",
        "export missing: refused": "WorkerStartupError: workerSynced(fetchUsr): file://<repo>/test/fixtures/advice/targets.mjs has no export "fetchUsr" (its exports: Users, awaitsInWorker, blocksInWorker, fetchUser, notAFunction, refTimer, release, released, unrefTimer). Name one of them (exportName), or export "fetchUsr" from that module.",
        "export not a function: refused": "WorkerStartupError: workerSynced(notAFunction): export "notAFunction" of file://<repo>/test/fixtures/advice/targets.mjs is number, not a function. Name an export that is one (exportName).",
        "pump deadlock: refused": "DeadlockError: sync(<anonymous>) can never finish: its promise is pending and the event loop holds nothing (no timer, socket, file request or worker) that could settle it, and nothing came for 0.5 s. A never-settling promise or an unref'd timer look like this. Settle the promise, or await the work instead of blocking on it.",
        "setWorkerRunner: refused": "WorkerStartupError: workerSynced(fetchUser): the worker thread could not start: asynchro's worker runner was not found at <repo>/test/fixtures/advice/no-such-runner.js (named by setWorkerRunner()). Give setWorkerRunner() the path or file: URL of the 'asynchro-bridge/worker-runner' entry point.",
        "worker deadlock, settled from this thread: refused": "DeadlockError: workerSynced(released) can never finish: its promise is pending in the worker thread and the worker's event loop holds nothing (no timer, socket, file request) that could settle it. Settle the promise in the worker (an unref'd timer does not count), or, if what settles it runs on this thread, call the async function here and await it.",
        "worker deadlock: refused": "DeadlockError: workerSynced(unrefTimer) can never finish: its promise is pending in the worker thread and the worker's event loop holds nothing (no timer, socket, file request) that could settle it. Settle the promise in the worker (an unref'd timer does not count), or, if what settles it runs on this thread, call the async function here and await it.",
      }
    `);
    const followed = Object.fromEntries(Object.entries(outcomes).filter(([label]) => !label.endsWith(': refused')));
    expect(followed).toEqual({
      'export missing: name one of them': { value: true },
      'export missing: export it from that module': { value: true },
      'export not a function: name an export that is one': { value: true },
      'a worker target that blocks: make it async and await there': { value: 'inner' },
      "setWorkerRunner: the path of 'asynchro-bridge/worker-runner'": { value: true },
      "setWorkerRunner: the file: URL of 'asynchro-bridge/worker-runner'": { value: true },
      'worker deadlock: settle the promise in the worker': { value: 'settled' },
      'worker deadlock: call the async function here and await it': { value: 'released here' },
      'pump deadlock: settle the promise': { value: 'settled' },
      'pump deadlock: await the work': { value: 'released' },
      'decorator: include names no async method: name an async method': { value: ['getUserSync'] },
      'decorator: include names no async method: a static one with statics: true': { value: ['defaultsSync'] },
      'decorator: rename returns a number: a non-empty string': { value: ['fetchUserSync'] },
      'decorator: rename returns a number: undefined for no variant': { value: [] },
      'decorator: not a class: apply it to a class': { value: ['getUserSync'] },
      'decorator: not a class: exposeSync(Class, options)': { value: ['getUserSync'] },
    });
  });

  it('ASYNCHRO_WORKER_RUNNER: refused with a wrong path, works with the one the message names', async () => {
    const script = join(repoRoot, 'test', 'fixtures', 'advice', 'worker.cjs');
    const runner = (path: string) =>
      runNode([script, 'runner'], { env: { ...process.env, ASYNCHRO_WORKER_RUNNER: path }, watchdogMs: 30_000 });
    const wrong = lastJson<Record<string, Outcome>>(await runner(join(repoRoot, 'no-such-runner.js')));
    expect(wrong['ASYNCHRO_WORKER_RUNNER: as set']).toEqual({
      error: expect.stringContaining(
        "Give ASYNCHRO_WORKER_RUNNER the path or file: URL of the 'asynchro-bridge/worker-runner' entry point.",
      ),
    });
    const entryPoint = createRequire(import.meta.url).resolve('asynchro-bridge/worker-runner');
    const named = lastJson<Record<string, Outcome>>(await runner(entryPoint));
    expect(named['ASYNCHRO_WORKER_RUNNER: as set']).toEqual({ value: true });
  });
});

describe('the table of advice', () => {
  it('names, for each piece, a test that exists', () => {
    const missing = ADVICE.filter(([, , followed]) => {
      const [file, title] = followed.split(' › ') as [string, string];
      // this file's own table names its tests too: look past it
      const text = readFileSync(join(repoRoot, 'test', file), 'utf8').replace(/const ADVICE[\s\S]*?\n\];\n/, '');
      return !text.includes(title);
    });
    expect(missing).toEqual([]);
  });
});
