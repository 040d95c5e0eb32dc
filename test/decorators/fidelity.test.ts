/**
 * One program on both paths: `exercise` (fixtures/fidelity/sdk.mjs) from CommonJS top level (the pump, on-pump.cjs)
 * and from an ES module after an await (the worker, on-worker.mjs) gives the same results: the module's own error
 * classes, fields set after construction, the caller seeing the twin's changes, and a custom fetch kept out of the
 * twin by `twinArgs`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, repoRoot, runNode } from '../helpers/child.js';

const fixture = (name: string) => join(repoRoot, 'test', 'decorators', 'fixtures', 'fidelity', name);

/** What both paths give. */
const same = {
  user: { id: 1, maxRetries: 0, region: 'us' }, // the twin saw the fields as they were at the call
  calls: 2, // the caller sees the twin's count
  fetchKept: 'customFetch', // a field holding a function is never replaced
  notFound: {
    error: 'NotFoundError',
    message: 'no user 404',
    status: 404,
    isNotFound: true,
    isApiError: true,
    cause: { isApiError: true, status: 502, message: 'upstream said no' },
  },
};

describe('one program on both paths', () => {
  it('on the pump (CommonJS top level)', async () => {
    const result = await runNode([fixture('on-pump.cjs')], { watchdogMs: 20_000 });
    const report = lastJson<typeof same & { thread: number; plain: unknown }>(result);
    expect(report, result.stderr).toMatchObject({ ...same, thread: 0 });
    expect(report.plain).toMatchObject({ value: { id: 1, maxRetries: 2 } }); // its own fetch, on this thread
  });

  it('on the worker path (ES module, after an await)', async () => {
    const result = await runNode([fixture('on-worker.mjs')], { watchdogMs: 20_000 });
    const report = lastJson<typeof same & { thread: number; plain: { what: string; message: string } }>(result);
    expect(report, result.stderr).toMatchObject(same);
    expect(report.thread).toBeGreaterThan(0);
    // Without twinArgs, the custom fetch cannot cross, and the error says where it is.
    expect(report.plain).toMatchObject({ error: 'WorkerCloneError', what: 'constructor argument 0 of Plain, .fetch' });
    expect(report.plain.message).toMatch(
      /constructor argument 0 of Plain, \.fetch \(a function \(customFetch\)\) cannot be cloned to the worker thread.*twinArgs/,
    );
  });
});
