/**
 * syncView of an instance of a relocatable decorated class (exposeSync with `module`): called from vitest test
 * bodies, which are microtasks, the pump cannot block, so `'auto'` runs each call on the instance's twin in the
 * worker, reached by the same method name. Every view carries a `timeout`: a regression fails instead of hanging.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SyncContextError, syncView } from 'asynchro-bridge'; // the fixture's class is decorated by the built package: one module instance
import { collectStats } from 'asynchro-bridge/instrumentation';
import { terminateWorkers } from 'asynchro-bridge/worker';
import { Counter } from '../worker/fixtures/client.mjs';

afterAll(terminateWorkers);
const watchdog = { timeout: 10_000 };

describe('syncView of a relocatable instance', () => {
  it('runs calls on the twin in the worker where the pump cannot block; the twin keeps its state', () => {
    const counter = new Counter(10, 5);
    const view = syncView(counter, watchdog);
    expect(view.aincrement()).toBe(15);
    expect(view.aincrement()).toBe(20);
    expect(counter.value).toBe(20); // this thread's instance gets the twin's data fields back after each call
  });

  it('throws the twin’s rejection, code kept', () => {
    const view = syncView(new Counter(3), watchdog);
    expect(() => view.afail()).toThrow(expect.objectContaining({ message: 'no more than 3', code: 'E_LIMIT' }));
  });

  it('is traced with strategy worker under the property path', () => {
    const stats = collectStats();
    try {
      syncView(new Counter(1), watchdog).aincrement();
      expect(stats.rows()).toEqual([
        expect.objectContaining({ call: 'syncView(aincrement)', calls: 1, strategies: { worker: 1 } }),
      ]);
    } finally {
      stats.close();
    }
  });

  it("strategy 'pump' refuses here instead, before the method runs", () => {
    const counter = new Counter(1);
    expect(() => syncView(counter, { ...watchdog, strategy: 'pump' }).aincrement()).toThrow(SyncContextError);
    expect(counter.value).toBe(1);
  });

  it('a resource held by a relocatable instance is not relocated (the twin is reached by method name only)', () => {
    const counter = new Counter(1) as InstanceType<typeof Counter> & { history?: { alast(): Promise<number> } };
    counter.history = { alast: async () => 1 };
    expect(() => syncView(counter, watchdog).history!.alast()).toThrow(SyncContextError);
  });

  it("strategy 'worker' on an object that cannot move says how to make it movable", () => {
    const plain = { async ping() {} };
    expect(() => syncView(plain, { strategy: 'worker' }).ping()).toThrowErrorMatchingInlineSnapshot(
      `[SyncContextError: syncView(ping): strategy 'worker' needs a relocatable target (named by module and export); a closure cannot move to another thread. Use workerSynced(module, exportName), or the class option \`module\`.]`,
    );
  });
});

describe('syncView of a relocatable client with decorated resources', () => {
  it('reaches the twin client’s own nested resource by the same property path, on the worker', async () => {
    const { Client } = await import('../decorators/fixtures/resources/sdk.mjs');
    // The declared types list the generated variants; the view calls the async method itself.
    type WithAsync = { chat: { completions: { acreate(prompt: string): Promise<{ url: string; thread: number }> } } };
    const view = syncView(new Client('http://api.test') as unknown as WithAsync, watchdog);
    const stats = collectStats();
    try {
      const { url, thread } = view.chat.completions.acreate('hi');
      expect(url).toBe('http://api.test/complete?q=hi'); // the twin client's own request(), through its own resource
      expect(thread).not.toBe(0); // a worker thread's id
      expect(stats.rows()).toEqual([
        expect.objectContaining({ call: 'syncView(chat.completions.acreate)', strategies: { worker: 1 } }),
      ]);
    } finally {
      stats.close();
    }
  });
});
