/**
 * A rejected promise the caller already holds (issue 9 §1): the bridge subscribes to it before its context probe
 * drains ticks and microtasks (which runs Node's unhandled-rejection check), so the reason is thrown, never an
 * exit 1. Child processes, CommonJS and ES modules, because an unhandled rejection ends the process.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

const fixtures = new URL('../fixtures/hostile/', import.meta.url);
/** What every case of fixtures/hostile/rejected-cases.cjs gives where the pump can run. */
const EXPECTED = {
  held: { thrown: 'held', type: 'Error' },
  asyncFnBeforeAwait: { thrown: 'before await', type: 'Error' },
  falsy: { thrown: '0', type: 'Number' },
  otherRealm: { thrown: 'other realm', type: 'Error' },
  badOption: { thrown: expect.stringMatching(/option 'timeout' must be a number/), type: 'TypeError' },
  abortedSignal: { thrown: 'aborted', type: 'Error' },
};

describe('awaitSync on a promise that is already rejected', () => {
  it('throws the reason at CommonJS top level and in a setImmediate callback', async () => {
    const child = await runNode([fileURLToPath(new URL('rejected.cjs', fixtures))]);
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
    const result = lastJson<Record<string, unknown>>(child);
    expect(result.topLevel).toEqual(EXPECTED);
    expect(result.immediate).toEqual(EXPECTED);
  });

  it('in an ES module: throws the reason in a callback, and at top level refuses without an unhandled rejection', async () => {
    const child = await runNode([fileURLToPath(new URL('rejected.mjs', fixtures))]);
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
    const result = lastJson<Record<string, Record<string, { type?: string }>>>(child);
    expect(result.immediate).toEqual(EXPECTED);
    // At an ES module's top level (a microtask) the pump cannot run: SyncContextError, and the promise is handled.
    expect(result.topLevel.held?.type).toBe('SyncContextError');
    expect(result.topLevel.asyncFnBeforeAwait?.type).toBe('SyncContextError');
    expect(result.topLevel.otherRealm?.type).toBe('SyncContextError');
  });
});
