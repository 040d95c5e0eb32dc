/**
 * A rejected promise the caller already holds (issue 9 §1): the bridge subscribes to it before its context probe
 * drains ticks and microtasks (which runs Node's unhandled-rejection check), so the reason is thrown, never an
 * exit 1. Child processes, CommonJS and ES modules, because an unhandled rejection ends the process.
 */
import { describe, expect, it } from 'vitest';
import { lastJson, runScript } from '../helpers/child.js';

const CASES = `
const results = {};
const attempt = (name, run) => {
  try {
    results[name] = { returned: run() };
  } catch (error) {
    results[name] = { thrown: error?.message ?? String(error), type: error?.constructor?.name };
  }
};
async function throwsBeforeAwait() {
  throw new Error('before await');
}
const cases = () => {
  attempt('held', () => awaitSync(Promise.reject(new Error('held'))));
  attempt('asyncFnBeforeAwait', () => {
    const p = throwsBeforeAwait();
    return awaitSync(p);
  });
  attempt('falsy', () => awaitSync(Promise.reject(0)));
  attempt('badOption', () => awaitSync(Promise.reject(new Error('unseen')), { timeout: 'soon' }));
  attempt('abortedSignal', () => awaitSync(Promise.reject(new Error('unseen')), { signal: AbortSignal.abort(new Error('aborted')) }));
};
`;

const EXPECTED = {
  held: { thrown: 'held', type: 'Error' },
  asyncFnBeforeAwait: { thrown: 'before await', type: 'Error' },
  falsy: { thrown: '0', type: 'Number' },
  badOption: { thrown: expect.stringMatching(/option 'timeout' must be a number/), type: 'TypeError' },
  abortedSignal: { thrown: 'aborted', type: 'Error' },
};

describe('awaitSync on a promise that is already rejected', () => {
  it('throws the reason at CommonJS top level and in a setImmediate callback', async () => {
    const child = await runScript(
      `const { awaitSync } = require('asynchro');${CASES}
cases();
const topLevel = results;
setImmediate(() => {
  cases();
  console.log(JSON.stringify({ topLevel, immediate: results }));
});`,
      'cjs',
    );
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
    const result = lastJson<Record<string, unknown>>(child);
    expect(result.topLevel).toEqual(EXPECTED);
    expect(result.immediate).toEqual(EXPECTED);
  });

  it('in an ES module: throws the reason in a callback, and at top level refuses without an unhandled rejection', async () => {
    const child = await runScript(
      `import { awaitSync } from 'asynchro';${CASES}
cases();
const topLevel = { ...results };
await new Promise((resolve) => setImmediate(resolve));
setImmediate(() => {
  cases();
  console.log(JSON.stringify({ topLevel, immediate: results }));
});`,
      'mjs',
    );
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
    const result = lastJson<Record<string, Record<string, { type?: string }>>>(child);
    expect(result.immediate).toEqual(EXPECTED);
    // At an ES module's top level (a microtask) the pump cannot run: SyncContextError, and the promise is handled.
    expect(result.topLevel.held?.type).toBe('SyncContextError');
    expect(result.topLevel.asyncFnBeforeAwait?.type).toBe('SyncContextError');
  });
});
