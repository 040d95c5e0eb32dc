/**
 * Sub-resources and async iterables on both paths, with one program (`exercise` in fixtures/resources/sdk.mjs):
 * on the loop pump from CommonJS top level (a child process), and on the worker path from this test body (a
 * microtask, where the pump cannot block, so the relocatable client's calls move to its twin in the worker).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeVariants } from 'asynchro-bridge/introspection';
import { SyncContextError } from 'asynchro-bridge';
import { terminateWorkers } from 'asynchro-bridge/worker';
import { lastJson, repoRoot, runNode } from '../helpers/child.js';

const fixture = join(repoRoot, 'test', 'decorators', 'fixtures', 'resources', 'sdk.mjs');

afterAll(terminateWorkers);

/** What `exercise` gives on either path, apart from the threads. */
const expected = {
  seen: [0, 1],
  closedAfterBreak: 1, // break closed the async generator: its finally ran
  got: [0, 1],
  error: 'RangeError: page 2 failed', // from the next() that reached page 2
  closedAfterError: 2,
  all: [0, 1, 2],
  closedAtEnd: 3,
  stream: ['s-a', 's-b', 's-c'],
  user: 'http://api.test/users/7',
  completion: 'http://api.test/complete?q=hi',
};

describe('a client with resources, a paginator and a stream', () => {
  it('on the pump (CommonJS top level): everything runs on this thread, on the real resources', async () => {
    const script = join(repoRoot, 'test', 'decorators', 'fixtures', 'resources', 'on-pump.cjs');
    const result = await runNode([script], { watchdogMs: 20_000 });
    const { threads, ...rest } = lastJson<typeof expected & { threads: number[] }>(result);
    expect(rest, result.stderr).toEqual(expected);
    expect(threads).toEqual([0]);
  });

  it('on the worker path (inside a microtask): every call runs on the twin client’s own resources, in one worker thread', async () => {
    const { Client, Completions, Users, exercise } = (await import(
      fixture
    )) as typeof import('./fixtures/resources/sdk.mjs');
    const client = new Client('http://api.test');
    const { threads, ...rest } = exercise(client) as typeof expected & { threads: number[] };
    expect(rest).toEqual(expected);
    expect(threads).toHaveLength(1);
    expect(threads[0]).toBeGreaterThan(0);
    expect(client.users.closed).toBe(0); // the twin's resource ran the generators, not this one
    expect(client.users).toBeInstanceOf(Users); // a field holding a resource is never replaced by a plain clone
    expect(client.chat.completions).toBeInstanceOf(Completions);
  });

  it('a resource that no relocatable client holds cannot move, and says why', async () => {
    const { Users } = (await import(fixture)) as typeof import('./fixtures/resources/sdk.mjs');
    const orphan = new Users({ request: async () => ({}) });
    expect(() => orphan.getSync(1)).toThrow(SyncContextError);
    expect(() => orphan.getSync(1)).toThrow(/cannot block here: the caller is running inside a microtask/);
  });

  it('describeVariants lists the paginator and the stream', async () => {
    const { Users } = (await import(fixture)) as typeof import('./fixtures/resources/sdk.mjs');
    const records = describeVariants(Users).map(({ method, variant, reason }) => [method, variant, reason]);
    expect(records).toEqual(
      expect.arrayContaining([
        ['aiterUsers', 'iterUsersSync', 'async-generator'],
        ['stream', 'streamSync', 'all'],
        ['aget', 'getSync', 'native'],
      ]),
    );
  });
});
