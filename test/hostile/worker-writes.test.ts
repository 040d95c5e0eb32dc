/**
 * A worker target's stdout writes during a call travel with the reply; they behave as Node's own: `write(5)` throws
 * Node's TypeError instead of writing five NUL bytes, a string is written in the encoding given.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNode } from '../helpers/child.js';

describe('process.stdout.write in a worker target', () => {
  it('refuses what Node refuses and writes what Node writes', async () => {
    const child = await runNode([fileURLToPath(new URL('../fixtures/hostile/worker-writes.cjs', import.meta.url))]);
    expect(child.stderr).toBe('');
    const [written, json] = child.stdout.split(/(?<=\n)/);
    expect(written).toBe('hi!\n');
    expect(JSON.parse(json!)).toEqual({
      number: 'threw TypeError ERR_INVALID_ARG_TYPE',
      object: 'threw TypeError ERR_INVALID_ARG_TYPE',
      hex: 'returned true',
      view: 'returned true',
    });
  });
});
