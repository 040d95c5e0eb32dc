/**
 * A blocking call from a setImmediate callback with other immediates of the same turn before and after it: Node's
 * processImmediate cannot be re-entered there (it dies with "FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal" as
 * soon as the pump runs the immediates still due), so the call is refused with SyncContextError before the work
 * starts. The first callback of a turn, and the last, still block; the last throws once an immediate becomes due.
 * Child processes.
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

  it('the last of such a turn blocks until an immediate becomes due, then throws SyncContextError instead of crashing', async () => {
    const child = await runScript(
      `const { sync } = require('asynchro');
const outcomes = {};
setImmediate(() => {});
setImmediate(() => {
  try {
    outcomes.last = sync(() => new Promise((resolve) => setImmediate(() => resolve('blocked'))));
  } catch (error) {
    outcomes.last = error.name + ': ' + error.message.slice(0, 40);
  }
});
setTimeout(() => console.log(JSON.stringify(outcomes)), 100);`,
      'cjs',
    );
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({ last: 'SyncContextError: sync(<anonymous>) cannot go on blocking:' });
  });
});
