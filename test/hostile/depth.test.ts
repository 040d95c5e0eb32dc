/**
 * Deep nesting (issue 9 §3): blocking calls nested through callbacks of blocking calls work up to MAX_PUMP_DEPTH;
 * one more is a SyncDepthError before the stack runs out, never an abort (measured before: fs callbacks overflowed
 * at about 50 levels, setImmediate callbacks aborted at about 250, 1,000 was a FATAL ERROR). Child processes.
 */
import { describe, expect, it } from 'vitest';
import { lastJson, runScript } from '../helpers/child.js';

const NEST = `const { sync, MAX_PUMP_DEPTH } = require('asynchro');
const fs = require('node:fs');
// Each level blocks on work that settles in a callback which itself makes the next blocking call.
function nest(kind, levels) {
  if (levels === 0) return 0;
  const later = kind === 'fs' ? (run) => fs.stat(__filename, run) : (run) => setImmediate(run);
  return sync(() => new Promise((resolve, reject) => later(() => {
    try { resolve(nest(kind, levels - 1) + 1); } catch (error) { reject(error); }
  })));
}
const attempt = (kind, levels) => {
  try { return { levels: nest(kind, levels) }; }
  catch (error) { return { name: error.name, code: error.code, maxDepth: error.maxDepth, message: error.message }; }
};
`;

// Through fs callbacks a nested call is now refused at the second level (thread-pool callbacks); through immediates
// nesting goes deepest.
describe.each(['immediate'])('nesting blocking calls through %s callbacks', (kind) => {
  it('works to MAX_PUMP_DEPTH, then throws SyncDepthError, even 1,000 deep', async () => {
    const child = await runScript(
      // Each attempt starts in an immediate of its own, after what the one before left queued has run: a pump in an immediate
      // that is not the first of its batch is a different problem (see the README's caveats).
      `${NEST}const result = { max: MAX_PUMP_DEPTH };
const after = (ms, run) => new Promise((resolve) => setTimeout(() => setImmediate(() => resolve(run())), ms));
(async () => {
  result.atMax = await after(10, () => attempt('${kind}', MAX_PUMP_DEPTH));
  result.over = await after(10, () => attempt('${kind}', MAX_PUMP_DEPTH + 1));
  result.deep = await after(10, () => attempt('${kind}', 1000));
  console.log(JSON.stringify(result));
})();`,
      'cjs',
      { watchdogMs: 30_000 },
    );
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
