/**
 * An abort that no libuv event announces (the work aborting its own signal, synchronously or in a microtask) ends the
 * wait at once, whatever keeps the loop alive (here an idle server), from each context where the pump runs.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

describe('an abort made by the work', () => {
  it('ends the wait at once with an idle server alive, at top level and in immediate and timer callbacks', async () => {
    const child = await runNode([fileURLToPath(new URL('../fixtures/hostile/abort-wake.cjs', import.meta.url))]);
    expect(child.stderr).toBe('');
    const ended = { thrown: 'by the work', fast: true };
    const each = { synchronously: ended, inAMicrotask: ended, heldPromise: ended };
    expect(lastJson(child)).toEqual({ topLevel: each, immediate: each, timer: each });
  });
});
