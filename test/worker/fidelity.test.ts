/**
 * Issue 4 §4: what comes back from the worker. Rejection reasons keep class name, message, code, cause, custom
 * properties and stack (with the caller's frames added); falsy reasons survive exactly; the worker's console output
 * is printed, in order, before the blocking call returns.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { terminateWorkers } from '../../src/subpaths/worker.js';
import { workerSynced } from '../../src/index.js';
import { lastJson, runNode } from '../helpers/child.js';
import type * as targets from './fixtures/targets.mjs';

const targetsUrl = new URL('./fixtures/targets.mjs', import.meta.url);
const watchdog = { timeout: 10_000 };

afterAll(terminateWorkers);

function rejectionOf(call: () => unknown): unknown {
  try {
    call();
  } catch (reason) {
    return reason;
  }
  throw new Error('expected the call to throw');
}

describe('rejection reasons', () => {
  it('an error keeps its class name, message, code, cause, custom properties and stack, with the caller’s frames', function callerFrameMarker() {
    const failCustom = workerSynced<typeof targets.failCustom>(targetsUrl, 'failCustom', watchdog);
    const error = rejectionOf(() => failCustom()) as targets.ApiError;
    expect(error).toBeInstanceOf(Error);
    expect(error.constructor.name).toBe('ApiError');
    expect(error.name).toBe('ApiError');
    expect(error.message).toBe('the API said no');
    expect(error.code).toBe('E_API');
    expect(error.status).toBe(503);
    expect(error.cause).toBeInstanceOf(RangeError);
    expect((error.cause as Error).message).toBe('quota exceeded');
    expect(Object.keys(error).sort()).toEqual(['code', 'name', 'status']);
    const [head, callerPart] = error.stack!.split('\n    --- on the calling thread ---\n');
    expect(head).toMatch(/^ApiError: the API said no\n {4}at failCustom \(file:.*targets\.mjs:\d+:\d+\)/);
    expect(callerPart).toContain('fidelity.test.ts');
    expect(callerPart).not.toMatch(/[/\\](src|dist)[/\\](bridge|strategies)[/\\]/);
  });

  it('built-in error classes come back as themselves', () => {
    const rejectWith = workerSynced<typeof targets.rejectWith>(targetsUrl, 'rejectWith', watchdog);
    const error = rejectionOf(() => rejectWith(new TypeError('bad type')));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('bad type');
  });

  it.each([0, undefined, '', null, false, Number.NaN, { plain: 'object' }])(
    'the reason %s survives exactly',
    (reason) => {
      const rejectWith = workerSynced<typeof targets.rejectWith>(targetsUrl, 'rejectWith', watchdog);
      const got = rejectionOf(() => rejectWith(reason));
      if (typeof reason === 'object' && reason !== null) expect(got).toEqual(reason);
      else expect(Object.is(got, reason)).toBe(true);
    },
  );
});

describe('worker console output', () => {
  it('is printed in order, before the call returns', async () => {
    const child = await runNode([fileURLToPath(new URL('./fixtures/console-order.mjs', import.meta.url))], {
      watchdogMs: 15_000,
    });
    expect(lastJson(child)).toEqual({ done: true });
    expect(child.stdout.trim().split('\n')).toEqual([
      'caller: before',
      'first: out 1',
      'first: out 2',
      'caller: got first: done',
      'second: out 1',
      'second: out 2',
      'caller: got second: done',
      '{"done":true}',
    ]);
    expect(child.stderr.trim().split('\n')).toEqual(['first: err 1', 'caller: between', 'second: err 1']);
  });
});
