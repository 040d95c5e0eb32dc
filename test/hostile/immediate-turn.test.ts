/**
 * A blocking call from a setImmediate callback that ran after another one in the same turn: Node's processImmediate
 * cannot be re-entered there (it dies with "FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal" as soon as the pump's
 * loop runs any queued immediate, even one a socket callback queued during the wait), so the call is refused with
 * SyncContextError before its work starts. The first callback of a turn still blocks. Child processes.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

const fixture = fileURLToPath(new URL('../fixtures/hostile/immediate-turn.cjs', import.meta.url));
const REFUSED = 'SyncContextError: sync(<anonymous>) cannot block here: it was called';

describe('a blocking call from a later immediate of a turn', () => {
  it('is refused before its work starts instead of crashing Node; the first of the turn blocks', async () => {
    const child = await runNode([fixture, 'first-middle-last']);
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({
      first: 'blocked',
      'first started': true,
      middle: REFUSED,
      'middle started': false,
      last: REFUSED,
      'last started': false,
    });
  });

  it.each(['last-io-immediate', 'last-unref'])(
    '%s: the last of its turn is refused as well (its wait crashed Node before)',
    async (scenario) => {
      const child = await runNode([fixture, scenario]);
      expect(child.signal).toBeNull();
      expect(child.stderr).toBe('');
      expect(child.code).toBe(0);
      expect(lastJson(child)).toEqual({ last: REFUSED, 'last started': false });
    },
  );

  it("the refusal's advice works: the same call from a timer callback blocks", async () => {
    const child = await runNode([fixture, 'advice']);
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({
      'later immediate': REFUSED,
      'later immediate started': false,
      timer: 'blocked',
      'timer started': true,
    });
  });
});
