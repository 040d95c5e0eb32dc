/**
 * A call on a resource of a user's subclass of a relocatable client (`client.pets.getSync` where `client` is a
 * `MyClient extends Petstore`) cannot move to a worker: the error names the class whose twin is missing (MyClient,
 * not the resource's class) and the method called, and each piece of its advice, followed, makes the call work
 * (test/fixtures/subclassed/, child processes with watchdogs). Followed literally in the same script, the advice
 * ends in WorkerRecursionError within a second.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, repoRoot, runNode } from './helpers/child.js';

const fixture = (name: string): string => join(repoRoot, 'test', 'fixtures', 'subclassed', name);

interface Outcome {
  got?: { id: number; name: string; thread: number };
  error?: { name: string; code: string; message: string };
  ms?: number;
}

async function run(script: string, ...args: string[]): Promise<Outcome> {
  const child = await runNode([fixture(script), ...args], { watchdogMs: 20_000 });
  return lastJson<Outcome>(child);
}

describe('a resource call on a subclass of a relocatable client, where the pump cannot block', () => {
  it('is refused naming the subclass, the resource path and the method', async () => {
    const { error } = await run('app.mjs', 'as-is');
    expect(error?.name).toBe('SyncContextError');
    expect(error?.message).toMatchInlineSnapshot(
      `"getSync(PetsAsync.aget) cannot move to a worker thread: it was called on .pets of a MyClient, and MyClient extends Petstore, which can move, but MyClient itself was not decorated with the \`module\` option, so no worker can build its twin. Decorate MyClient with exposeSync({ module: import.meta.url }) in a module that only defines and exports it (the worker imports that module, so it must not make blocking calls as it loads), and import it where the call is made. Or keep the call on this thread: await the async method, or call from CommonJS or a setImmediate callback (\`setImmediate(() => ...)\` leaves the microtask; in a test, so do \`pumped\` and \`runPumped\` from asynchro-bridge/testing)."`,
    );
  });

  it('works with MyClient decorated in a module that only defines and exports it: on the worker', async () => {
    const { got } = await run('app.mjs', 'moved');
    expect(got).toMatchObject({ id: 1, name: 'pet 1' });
    expect(got!.thread).toBeGreaterThan(0);
  });

  it('works awaiting the async method instead: on this thread', async () => {
    expect((await run('app.mjs', 'await')).got).toEqual({ id: 1, name: 'pet 1', thread: 0 });
  });

  it('works from a setImmediate callback: the pump, on this thread', async () => {
    expect((await run('app.mjs', 'immediate')).got).toEqual({ id: 1, name: 'pet 1', thread: 0 });
  });

  it('works from CommonJS: the pump, on this thread', async () => {
    expect((await run('app.cjs')).got).toEqual({ id: 1, name: 'pet 1', thread: 0 });
  });

  it('followed literally in the calling script itself: WorkerRecursionError within a second, not a worker per level', async () => {
    const { error, ms } = await run('same-file.mjs');
    expect(error?.code).toBe('ASYNCHRO_WORKER_RECURSION');
    expect(error?.message).toContain('Move MyClient into a module without side effects');
    expect(ms).toBeLessThan(1000);
  });
});
