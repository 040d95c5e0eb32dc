/**
 * A blocking call from a setImmediate callback with other immediates of the same turn before and after it: Node's
 * processImmediate cannot be re-entered there (it dies with "FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal" as
 * soon as the pump runs the immediates still due), so the call is refused with SyncContextError before the work
 * starts. The first callback of a turn, and the last, still block; the last throws once an immediate becomes due.
 * Child processes.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

const fixture = fileURLToPath(new URL('../fixtures/hostile/immediate-turn.cjs', import.meta.url));

describe('a blocking call in the middle of a turn of immediates', () => {
  it('is refused instead of crashing Node; first and last of the turn block', async () => {
    const child = await runNode([fixture, 'first-middle-last']);
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({ first: 'blocked', middle: 'SyncContextError', last: 'blocked' });
  });

  it('the last of such a turn blocks until an immediate becomes due, then throws SyncContextError instead of crashing', async () => {
    const child = await runNode([fixture, 'last-until-due']);
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({ last: 'SyncContextError: sync(<anonymous>) cannot go on blocking:' });
  });

  it.each(['last-unref-due', 'last-unref-alone', 'last-unguarded-unref'])(
    "%s: an unref'd immediate is due as well (it crashed Node before), with or without a timer keeping the loop alive",
    async (scenario) => {
      const child = await runNode([fixture, scenario]);
      expect(child.signal).toBeNull();
      expect(child.stderr).toBe('');
      expect(child.code).toBe(0);
      expect(lastJson(child)).toEqual({ last: 'SyncContextError: sync(<anonymous>) cannot go on blocking:' });
    },
  );
});
