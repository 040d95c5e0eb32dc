/**
 * A callback of other code that throws while a sync call blocks (issue 9 §2) must end the way it would without
 * asynchro-bridge: with an 'uncaughtException' listener the listener gets it and the blocked call goes on; without one Node
 * prints it, runs the exit handlers and exits 1. Never "async hook stack has become corrupted" (SIGABRT). Runs
 * test/fixtures/foreign-throw.cjs in child processes.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runNode } from '../helpers/child.js';

const fixture = fileURLToPath(new URL('../fixtures/foreign-throw.cjs', import.meta.url));
const KINDS = ['immediate', 'emitter', 'tick', 'timer', 'fs', 'queued-tick', 'own-immediate'] as const;

describe.each(KINDS)('a throwing %s callback during a pump', (kind) => {
  it('with an uncaughtException listener: the listener gets it, the blocked call returns, exit 0', async () => {
    const child = await runNode([fixture, kind, 'handler']);
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe(
      `uncaughtException: foreign ${kind}\nreturned: waited 30 ms\nafter the call\nexit handler: 0\n`,
    );
    expect(child.code).toBe(0);
  });

  it('without one: printed as Node prints it, exit handlers run, exit code 1', async () => {
    const child = await runNode([fixture, kind]);
    expect(child.signal).toBeNull();
    expect(child.stderr).not.toMatch(/async hook stack|FATAL ERROR|Native stack trace/);
    expect(child.stderr).toMatch(new RegExp(`^Error: foreign ${kind}\\n    at (\\w+\\.)?boom `, 'm'));
    expect(child.stdout).toBe('exit handler: 1\n');
    expect(child.code).toBe(1);
  });
});
