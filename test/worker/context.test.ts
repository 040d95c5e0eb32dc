/**
 * Issue 4 §5: the context hook. AsyncLocalStorage does not reach a worker by itself; a registered carrier captures
 * the caller's store on each call and re-enters it in the worker, around the target, for blocking and offloaded
 * calls alike.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WorkerCloneError, workerDesynced, workerSynced } from '../../src/index.js';
import { addWorkerContext, terminateWorkers } from '../../src/subpaths/worker.js';

const contextModule = new URL('./fixtures/als-context.mjs', import.meta.url);
const watchdog = { timeout: 10_000 };
const request = new AsyncLocalStorage<{ user: string; traceparent: string }>();
const whoIsAsking = workerSynced(contextModule, 'whoIsAsking', watchdog);

let removers: (() => void)[] = [];
afterEach(() => {
  for (const remove of removers) remove();
  removers = [];
});
afterAll(terminateWorkers);

const carry = (capture: () => unknown) =>
  removers.push(addWorkerContext({ name: 'request', capture, module: contextModule, exportName: 'enter' }));

describe('addWorkerContext', () => {
  it('does not carry anything by itself', () => {
    expect(request.run({ user: 'ada', traceparent: '00-a-b-01' }, () => whoIsAsking())).toBeUndefined();
  });

  it('re-enters the captured store in the worker, across an await there', () => {
    carry(() => request.getStore());
    const store = { user: 'ada', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
    expect(request.run(store, () => whoIsAsking())).toEqual(store);
    expect(request.run({ user: 'grace', traceparent: '00-c-d-01' }, () => whoIsAsking())).toEqual({
      user: 'grace',
      traceparent: '00-c-d-01',
    });
    expect(whoIsAsking()).toBeUndefined(); // outside any store, the worker sees none
  });

  it('carries the context to offloaded calls as well', async () => {
    carry(() => request.getStore());
    const whoIsAskingAsync = workerDesynced(contextModule, 'whoIsAsking');
    await expect(request.run({ user: 'lin', traceparent: '00-e-f-01' }, () => whoIsAskingAsync())).resolves.toEqual({
      user: 'lin',
      traceparent: '00-e-f-01',
    });
  });

  it('stops carrying once removed', () => {
    carry(() => request.getStore());
    removers.pop()!();
    expect(request.run({ user: 'ada', traceparent: '00-a-b-01' }, () => whoIsAsking())).toBeUndefined();
  });

  it('names a context that cannot be cloned', () => {
    carry(() => ({ span: () => 'a function' }));
    let error: unknown;
    try {
      whoIsAsking();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WorkerCloneError);
    expect(error).toMatchObject({ what: 'worker context "request", .span' });
    expect((error as Error).message).toMatch(
      /^workerSynced\(whoIsAsking\): worker context "request", \.span \(a function \(span\)\) cannot be cloned to the worker thread/,
    );
  });

  it('refuses a module that is not a URL or an absolute path', () => {
    expect(() => addWorkerContext({ capture: () => 1, module: 'als-context.mjs' })).toThrow(TypeError);
  });
});
