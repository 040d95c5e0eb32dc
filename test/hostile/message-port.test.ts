/**
 * MessagePort callbacks (src/strategies/pump/message-port.ts): blocking in a Worker's 'message' handler while that Worker
 * ends crashed Node 22-26 (SIGSEGV in MessagePort::OnMessage). The pump is refused there before the work starts, the
 * advice (a setImmediate callback) works, and 'auto' sends a relocatable target to the worker. A user AsyncResource
 * that took the name of one of Node's resources is not refused.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

describe('blocking in a MessagePort callback', () => {
  it('is refused (no crash), works from a setImmediate in it, and moves a relocatable target', async () => {
    const child = await runNode([fileURLToPath(new URL('../fixtures/hostile/message-port.cjs', import.meta.url))], {
      watchdogMs: 30_000,
    });
    expect(child.signal).toBe(null);
    expect(child.stderr).toBe('');
    const round = { blocked: { thrown: 'SyncContextError' }, moved: { value: 'worker' }, afterwards: { value: 20 } };
    expect(lastJson(child)).toEqual({
      workerMessages: [round, round, round, round, round],
      portMessage: { thrown: 'SyncContextError' },
      userResources: [{ value: 5 }, { value: 5 }],
    });
  });
});
