import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/child.js';
import * as asynchro from '../src/index.js';
import {
  AsynchroError,
  DeadlockError,
  SyncContextError,
  SyncTimeoutError,
  awaitSync,
  sync,
  synced,
} from '../src/index.js';

describe('error classes', () => {
  it('keep their name and code when a minifier renames the classes (esbuild --minify)', async () => {
    const { outputFiles } = await build({
      entryPoints: [join(repoRoot, 'src/errors.ts')],
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
    });
    const minified = await import(`data:text/javascript,${encodeURIComponent(outputFiles[0]?.text ?? '')}`);
    const classes = Object.entries(minified as Record<string, new (...args: unknown[]) => Error>);
    expect(classes.map(([name]) => name)).toEqual(
      Object.keys(asynchro)
        .filter((name) => /Error$/.test(name))
        .sort(),
    );
    for (const [exported, ErrorClass] of classes) {
      expect(ErrorClass.name).not.toBe(exported); // the minifier did rename it
      const error = new ErrorClass('message', 'a', 'b', 1) as Error & { code: string };
      expect(error.name).toBe(exported);
      expect(error.code).toBe((asynchro as unknown as Record<string, { code: string }>)[exported]?.code);
    }
  });

  it('are AsynchroErrors and Errors, named after their class, with functionName and cause', () => {
    const cause = new Error('root');
    const base = new AsynchroError('base', { cause, functionName: 'fetchUser' });
    const errors = [
      base,
      new SyncContextError('context', { functionName: 'fetchUser' }),
      new DeadlockError('deadlock', { functionName: 'fetchUser' }),
      new SyncTimeoutError('timeout', 250, { functionName: 'fetchUser' }),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(AsynchroError);
      expect(error.name).toBe(error.constructor.name);
      expect(error.functionName).toBe('fetchUser');
    }
    expect(errors.map((error) => error.name)).toEqual([
      'AsynchroError',
      'SyncContextError',
      'DeadlockError',
      'SyncTimeoutError',
    ]);
    expect(base.cause).toBe(cause);
    expect('cause' in errors[1]!).toBe(false); // no cause given: none set
    expect((errors[3] as SyncTimeoutError).timeout).toBe(250);
    expect(new AsynchroError('anonymous').functionName).toBeUndefined();
  });

  it('each carry a stable code, on the class and on every instance', () => {
    const classes = Object.entries(asynchro).filter(
      ([, value]) =>
        typeof value === 'function' && (value === AsynchroError || value.prototype instanceof AsynchroError),
    ) as [string, typeof AsynchroError][];
    const codes = Object.fromEntries(classes.map(([name, errorClass]) => [name, errorClass.code]));
    expect(codes).toEqual({
      AsynchroError: 'ASYNCHRO_ERROR',
      DeadlockError: 'ASYNCHRO_DEADLOCK',
      DecorationError: 'ASYNCHRO_DECORATION',
      DivergenceError: 'ASYNCHRO_DIVERGENCE',
      ReentrancyError: 'ASYNCHRO_REENTRANT',
      PumpUnavailableError: 'ASYNCHRO_PUMP_UNAVAILABLE',
      SyncContextError: 'ASYNCHRO_SYNC_CONTEXT',
      SyncDepthError: 'ASYNCHRO_SYNC_DEPTH',
      SyncTimeoutError: 'ASYNCHRO_TIMEOUT',
      WorkerCloneError: 'ASYNCHRO_WORKER_CLONE',
      WorkerExitError: 'ASYNCHRO_WORKER_EXIT',
      WorkerLimitError: 'ASYNCHRO_WORKER_LIMIT',
      WorkerRecursionError: 'ASYNCHRO_WORKER_RECURSION',
      WorkerStartupError: 'ASYNCHRO_WORKER_STARTUP',
    });
    expect(new asynchro.WorkerExitError('gone', 1).code).toBe('ASYNCHRO_WORKER_EXIT');
    expect(new SyncTimeoutError('late', 5).code).toBe('ASYNCHRO_TIMEOUT');
    expect(new AsynchroError('plain').code).toBe('ASYNCHRO_ERROR');
  });
});

describe('sync in a vitest test body (itself a microtask)', () => {
  it('throws SyncContextError at once for a coroutine, naming it and saying what to do, without starting it', () => {
    let started = false;
    async function fetchUser(): Promise<string> {
      started = true;
      return 'never';
    }
    let caught: unknown;
    try {
      sync(fetchUser);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SyncContextError);
    const error = caught as SyncContextError;
    expect(error.functionName).toBe('fetchUser');
    expect(error.message).toMatch(/^sync\(fetchUser\) cannot block here: the caller is running inside a microtask/);
    expect(error.message).toContain('The work was not started. Await the async function instead');
    expect(started).toBe(false);
  });

  it('names anonymous work <anonymous>, and returns plain results directly', () => {
    expect(() => sync(async () => 1)).toThrow(/^sync\(<anonymous>\) cannot block here/);
    expect(sync((a: number, b: number) => a + b, 2, 3)).toBe(5);
    expect(awaitSync(7)).toBe(7);
  });

  it("awaitSync refuses strategy 'worker' (a promise cannot move to another thread) and the microtask context", () => {
    expect(() => awaitSync(Promise.resolve(1), { strategy: 'worker' })).toThrow(SyncContextError);
    expect(() => awaitSync(Promise.resolve(1), { strategy: 'worker' })).toThrow(
      /^awaitSync\(awaitable\): strategy 'worker' needs a relocatable target/,
    );
    expect(() => awaitSync(Promise.resolve(1))).toThrow(/^awaitSync\(awaitable\) cannot block here/);
  });

  it('an already-aborted signal throws its reason before anything else', () => {
    const reason = new Error('cancelled');
    let started = false;
    const blocking = synced(
      async () => {
        started = true;
      },
      { signal: AbortSignal.abort(reason) },
    );
    expect(() => blocking()).toThrow(reason);
    expect(started).toBe(false);
  });
});
