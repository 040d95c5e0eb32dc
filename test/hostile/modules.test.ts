/**
 * Code loading (issue 9 §9): the worker imports and runs the module it is given, so only `file:` modules (a file
 * URL or an absolute path) are accepted unless the caller opts in with `allowNonFileModule: true`. Refused where
 * the module is named, before any worker starts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addWorkerContext, terminateWorkers } from '../../src/subpaths/worker.js';
import { desynced, exposeSync, relocatableSynced, workerDesynced, workerSynced } from '../../src/index.js';

afterAll(terminateWorkers);

const dataModule = 'data:text/javascript,export default async () => "ran"';

describe('only file: modules by default', () => {
  it('refuses data:, node: and http: module references at every entry point', () => {
    expect(() => workerSynced(dataModule)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: a worker target's module must be a file: URL or an absolute path; got "data:text/javascript,export default async () => \\"ran\\"". The worker imports and runs the module it is given, so a module reference must never come from user input. To load a non-file module on purpose (node:, data:, a loader's own scheme), pass allowNonFileModule: true.]`,
    );
    expect(() => workerSynced('node:child_process', 'execSync')).toThrow(
      /must be a file: URL or an absolute path; got "node:child_process"/,
    );
    expect(() => workerSynced(new URL('http://127.0.0.1:9/evil.mjs'))).toThrow(
      /got "http:\/\/127\.0\.0\.1:9\/evil\.mjs"/,
    );
    expect(() => workerDesynced('node:child_process', 'execSync')).toThrow(/must be a file: URL/);
    expect(() => relocatableSynced(async () => 1, 'node:child_process', 'execSync')).toThrow(/must be a file: URL/);
    expect(() => desynced(function execSync() {}, { module: 'node:child_process' })).toThrow(/must be a file: URL/);
    expect(() => addWorkerContext({ capture: () => 1, module: dataModule })).toThrow(/must be a file: URL/);
    expect(() =>
      exposeSync(
        class Api {
          async aget() {}
        },
        { module: dataModule },
      ),
    ).toThrow(/exposeSync\(Api\): a worker target's module must be a file: URL/);
  });

  it('runs a non-file module when the caller opts in explicitly', () => {
    expect(workerSynced(dataModule, 'default', { allowNonFileModule: true, timeout: 10_000 })()).toBe('ran');
  });
});
