/**
 * A blocking call from a setImmediate callback with other immediates of the same turn before and after it: Node's
 * processImmediate cannot be re-entered there (it dies with "FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal" as
 * soon as the pump runs the immediates still due), so the call is refused with SyncContextError before the work
 * starts. The first callback of a turn, and the last, still block. A child process.
 */
import { describe, expect, it } from 'vitest';
import { lastJson, runScript } from '../helpers/child.js';

describe('a blocking call in the middle of a turn of immediates', () => {
  it('is refused instead of crashing Node; first and last of the turn block', async () => {
    const child = await runScript(
      `const { sync } = require('asynchro');
const outcomes = {};
const attempt = (key) => {
  try {
    outcomes[key] = sync(async function wait() { await new Promise((resolve) => setTimeout(resolve, 5)); return 'blocked'; });
  } catch (error) {
    outcomes[key] = error.name;
  }
};
setImmediate(() => attempt('first'));
setImmediate(() => attempt('middle'));
setImmediate(() => attempt('last'));
setTimeout(() => console.log(JSON.stringify(outcomes)), 100);`,
      'cjs',
    );
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({ first: 'blocked', middle: 'SyncContextError', last: 'blocked' });
  });
});
