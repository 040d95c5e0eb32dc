/**
 * The worker strategy called straight from vitest test bodies, which are microtasks: the pump would refuse here,
 * the worker works. Every call carries a `timeout`, so a regression fails the test instead of hanging vitest.
 */
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { callSync } from '../../src/bridge/sync.js';
import { SyncContextError, relocatableSynced, synced, workerSynced } from '../../src/index.js';
import { terminateWorkers } from '../../src/subpaths/worker.js';
import { callOptions } from '../../src/options.js';
import type { CallSite, Relocation } from '../../src/strategies/relocation.js';
import * as targets from './fixtures/targets.mjs';

const targetsUrl = new URL('./fixtures/targets.mjs', import.meta.url);
const watchdog = { timeout: 10_000 };
const watchdogCall = callOptions(watchdog);

afterAll(terminateWorkers);

describe('workerSynced', () => {
  it('returns the value of a named export, the default export, from a URL object, URL string or absolute path', () => {
    expect(workerSynced<typeof targets.add>(targetsUrl, 'add', watchdog)(2, 3)).toBe(5);
    expect(workerSynced<typeof targets.default>(targetsUrl.href, undefined, watchdog)('ada')).toBe('hello ada');
    expect(workerSynced(targetsUrl.pathname, 'echo', watchdog)({ nested: [1, new Map([['k', 2n]])] })).toEqual({
      nested: [1, new Map([['k', 2n]])],
    });
  });

  it('runs a plain sync export too', () => {
    expect(workerSynced<typeof targets.spin>(targetsUrl, 'spin', watchdog)(5)).toBe(5);
  });

  it('names the function after the export', () => {
    expect(workerSynced(targetsUrl, 'add').name).toBe('add');
  });

  it('refuses a relative path or a bare name, which would resolve from asynchro’s folder', () => {
    expect(() => workerSynced('./fixtures/targets.mjs', 'add')).toThrow(
      /must be a URL .* or an absolute path; got "\.\/fixtures\/targets\.mjs"/,
    );
    expect(() => workerSynced('targets', 'add')).toThrow(TypeError);
  });

  it('throws an already-aborted signal’s reason without calling', () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(() => workerSynced(targetsUrl, 'add', { signal: controller.signal })(1, 2)).toThrow('stop');
  });
});

describe("strategy 'auto' in a test body", () => {
  it('takes the worker for a relocatable function, where the pump refuses', () => {
    expect(() => synced(targets.add)(1, 2)).toThrow(SyncContextError);
    expect(relocatableSynced(targets.add, targetsUrl, 'add', watchdog)(1, 2)).toBe(3);
  });

  it("still refuses a closure under strategy 'worker'", () => {
    expect(() => synced(async () => 1, { strategy: 'worker' })()).toThrow(/needs a relocatable target/);
  });
});

describe('class targets: one twin per caller-side instance', () => {
  // What the decorators build for a class decorated with `module`: the instance's constructor arguments, captured
  // once per instance, and the async method to call on the twin.
  // (every field named, as the types of asynchro's records require: see src/strategies/relocation.ts)
  const twinCall = (module: string, exportName: string, constructorArgs: unknown[], method: string): Relocation => ({
    module,
    exportName,
    instance: { constructorArgs, method, path: undefined, fields: undefined, receive: undefined, signalAt: undefined },
    iterator: undefined,
    transfer: undefined,
    divergence: undefined,
  });
  const methodSite = (constructorArgs: unknown[], method: string): CallSite => ({
    verb: `${method.slice(1)}Sync`,
    name: method,
    className: 'Counter',
    coroutine: undefined,
    relocation: () => twinCall(targetsUrl.href, 'Counter', constructorArgs, method),
  });
  const callOn = (instance: targets.Counter, constructorArgs: unknown[], method: 'aincrement' | 'apeek') =>
    callSync(instance[method], instance, [], watchdogCall, methodSite(constructorArgs, method));

  it('keeps each twin’s state between calls, apart from other instances and from the caller’s instance', () => {
    const firstArgs = [10, 5];
    const first = new targets.Counter(...(firstArgs as [number, number]));
    const secondArgs = [100];
    const second = new targets.Counter(...(secondArgs as [number]));
    expect(callOn(first, firstArgs, 'aincrement')).toBe(15);
    expect(callOn(first, firstArgs, 'aincrement')).toBe(20);
    expect(callOn(second, secondArgs, 'aincrement')).toBe(101);
    expect(callOn(first, firstArgs, 'apeek')).toBe(20);
    // the twin's state is not the caller's: the caller-side instance never changed
    expect(first.value).toBe(10);
  });

  it('reports a constructor that throws as the rejection, and builds the twin again on the next call', () => {
    const args: unknown[] = [];
    const site: CallSite = {
      verb: 'boomSync',
      name: 'aboom',
      className: 'Exploding',
      coroutine: undefined,
      relocation: () => twinCall(targetsUrl.href, 'Exploding', args, 'aboom'),
    };
    const call = () => callSync(async () => 0, undefined, [], watchdogCall, site);
    expect(call).toThrow(expect.objectContaining({ name: 'TypeError', message: 'cannot build this' }));
    expect(call).toThrow(expect.objectContaining({ name: 'TypeError', message: 'cannot build this' }));
  });

  it('accepts the path form of a module', () => {
    const args = [1];
    const site: CallSite = {
      ...methodSite(args, 'aincrement'),
      relocation: () => twinCall(pathToFileURL(targetsUrl.pathname).href, 'Counter', args, 'aincrement'),
    };
    expect(callSync(async () => 0, undefined, [], watchdogCall, site)).toBe(2);
  });
});

describe('a class made relocatable with exposeSync({ module })', () => {
  it('its fooSync() works straight from a test body, on a twin per instance', async () => {
    const { Counter } = await import('./fixtures/client.mjs');
    const first = new Counter(10, 5);
    const second = new Counter(0);
    expect(first.incrementSync()).toBe(15);
    expect(first.incrementSync()).toBe(20);
    expect(second.incrementSync()).toBe(1);
    expect(first.value).toBe(20); // the twin changed, and the caller instance got its data fields back
    let error: unknown;
    try {
      first.failSync();
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ name: 'Error', message: 'no more than 20', code: 'E_LIMIT' });
  });
});
