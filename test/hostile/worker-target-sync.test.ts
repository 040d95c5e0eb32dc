/**
 * A worker target that itself makes a blocking call: refused on every call alike in asynchro's worker thread (it was
 * refused on the first call, and on later ones depending on timing, as a microtask or a MessagePort callback); a
 * relocatable call there moves on to a worker of its own.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

describe('a worker target that calls sync()', () => {
  it('is refused alike on every call, saying why; a relocatable call moves on', async () => {
    const child = await runNode(
      [fileURLToPath(new URL('../fixtures/hostile/worker-target-sync.cjs', import.meta.url))],
      { watchdogMs: 30_000 },
    );
    expect(child.stderr).toBe('');
    const refused = 'SyncContextError (worker thread)';
    expect(lastJson(child)).toEqual({
      blocks: [refused, refused, refused, refused, refused],
      blocksAfterAwait: [refused, refused],
      relocatable: 'moved on',
    });
  });
});
