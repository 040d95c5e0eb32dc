/**
 * Deep nesting (issue 9 §3): blocking calls nested through callbacks of blocking calls work up to MAX_PUMP_DEPTH;
 * one more is a SyncDepthError before the stack runs out, never an abort (measured before: fs callbacks overflowed
 * at about 50 levels, setImmediate callbacks aborted at about 250, 1,000 was a FATAL ERROR). Child processes.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

const fixture = fileURLToPath(new URL('../fixtures/hostile/depth.cjs', import.meta.url));

// Through fs callbacks a nested call is now refused at the second level (thread-pool callbacks); through immediates
// nesting goes deepest. The fixture starts each attempt in an immediate of its own.
describe.each(['immediate'])('nesting blocking calls through %s callbacks', (kind) => {
  it('works to MAX_PUMP_DEPTH, then throws SyncDepthError, even 1,000 deep', async () => {
    const child = await runNode([fixture, kind], { watchdogMs: 30_000 });
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    const result = lastJson<{ max: number; atMax: unknown; over: { message: string }; deep: unknown }>(child);
    expect(result.max).toBe(32);
    expect(result.atMax).toEqual({ levels: 32 });
    expect(result.over).toMatchObject({ name: 'SyncDepthError', code: 'ASYNCHRO_SYNC_DEPTH', maxDepth: 32 });
    expect(result.deep).toEqual(result.over);
    expect(result.over.message).toMatchInlineSnapshot(
      `"sync(<anonymous>) cannot block here: 32 blocking calls are already in progress on this thread, each in a callback run by the one before; every level keeps a nested event loop on the native stack, and deeper nesting would overflow it. The work had already started and goes on without a waiter. Use the async method in callbacks that run during a blocking call."`,
    );
  });
});
