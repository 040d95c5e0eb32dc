/**
 * Divergence is never silent: a vitest test body is a microtask, where the pump cannot block, so a relocatable
 * client's blocking calls move to its twin in a worker by themselves. Where the twin would run something else than the
 * caller's object (a mocked fetch in the config that twinArgs leaves out, a spied or replaced method, a stubbed
 * global fetch), the call is refused with DivergenceError, and every piece of its advice is followed here and works.
 * The client is the petstore fixture SDK against a loopback server (test/fixtures/petstore/).
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DivergenceError, SyncContextError, syncView } from 'asynchro-bridge';
import { terminateWorkers } from 'asynchro-bridge/worker';
import { pumped, runPumped } from 'asynchro-bridge/testing';
import { LenientPetstore, Petstore } from './fixtures/petstore/client.mjs';
import { Pets } from './fixtures/petstore/pets.mjs';
import { startPetstoreServer } from './fixtures/petstore/server.mjs';
import { lastJson, repoRoot, runNode } from './helpers/child.js';

const baseUrl = startPetstoreServer();
const mockFetch = () =>
  vi.fn(async (_url: string) => new Response(JSON.stringify({ id: 1, name: 'from the mock' }), { status: 200 }));

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});
afterAll(terminateWorkers);

/** The error a call throws, for assertions on it. */
function thrownBy(call: () => unknown): DivergenceError {
  try {
    call();
  } catch (error) {
    return error as DivergenceError;
  }
  throw new Error('the call did not throw');
}

describe('without mocks', () => {
  it('the twin in the worker runs the call, against the real server, retries included', () => {
    const client = new Petstore({ baseUrl });
    const pet = client.pets.getSync(1) as { id: number; thread: number };
    expect(pet).toMatchObject({ id: 1, name: 'pet 1' });
    expect(pet.thread).toBeGreaterThan(0); // on the worker
    expect([...client.pets.iterAllSync()]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(client.pets.getSync('busy1' as unknown as number)).toMatchObject({ name: 'after a retry' }); // one 429 first
  });
});

describe('what differs is named, and the call refused before it starts', () => {
  it('a mocked fetch in the config, which twinArgs leaves out', () => {
    const fetch = mockFetch();
    const client = new Petstore({ baseUrl, fetch });
    const error = thrownBy(() => client.pets.getSync(1));
    expect(error).toBeInstanceOf(DivergenceError);
    expect(error).toBeInstanceOf(SyncContextError);
    expect(error.code).toBe('ASYNCHRO_DIVERGENCE');
    expect(error.what).toMatchInlineSnapshot(
      `"the class's twinArgs leaves out constructor argument 0, .fetch (a function (Mock)), which this object was constructed with"`,
    );
    expect(error.message).toMatchInlineSnapshot(
      `"getSync(PetsAsync.aget) would run on a twin in a worker thread (the pump cannot block here), and the twin would not run what the caller's object runs: the class's twinArgs leaves out constructor argument 0, .fetch (a function (Mock)), which this object was constructed with. Keep the call on this thread, where the object is used as it is: await the async method instead, or make the call from CommonJS or a setImmediate callback (\`setImmediate(() => ...)\` leaves the microtask; in a test, so do \`pumped\` and \`runPumped\` from asynchro-bridge/testing). To run it on the twin all the same, opt in with the option divergence: 'allow' (\`syncView(object, { divergence: 'allow' })\`, or the class's decorator options)."`,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a spy on the resource class prototype (vi.spyOn(Pets.prototype, "aget"))', () => {
    const spy = vi.spyOn(Pets.prototype, 'aget').mockResolvedValue({ id: 1, name: 'from the spy', thread: 0 });
    const client = new Petstore({ baseUrl });
    expect(thrownBy(() => client.pets.getSync(1)).what).toMatchInlineSnapshot(
      `"PetstoreAsync's .pets.aget is not the method PetsAsync had when it was decorated (replaced on its prototype: a spy or a mock?)"`,
    );
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(client.pets.getSync(1)).toMatchObject({ name: 'pet 1' }); // restored: the twin runs the same program again
  });

  it('a spy on a method the call uses inside (the client prototype’s request)', () => {
    const client = new Petstore({ baseUrl });
    vi.spyOn(Petstore.prototype, 'request');
    expect(thrownBy(() => client.pets.getSync(1)).what).toMatchInlineSnapshot(
      `"PetstoreAsync's .request is not the method PetstoreAsync had when it was decorated (replaced on its prototype: a spy or a mock?)"`,
    );
  });

  it('a function set on the instance', () => {
    const client = new Petstore({ baseUrl });
    client.pets.aget = vi.fn(async () => ({ id: 1, name: 'from the mock', thread: 0 }));
    expect(thrownBy(() => client.pets.getSync(1)).what).toMatchInlineSnapshot(
      `"PetstoreAsync's .pets.aget was set on the object itself after it was constructed (a mock or a spy?), and its twin does not have it"`,
    );
  });

  it('a stubbed globalThis.fetch', () => {
    vi.stubGlobal('fetch', mockFetch());
    const client = new Petstore({ baseUrl });
    expect(thrownBy(() => client.pets.getSync(1)).what).toMatchInlineSnapshot(
      `"globalThis.fetch on this thread is not the runtime's own fetch (a mock, a spy or an interceptor replaced it), and the worker thread has the runtime's"`,
    );
    vi.unstubAllGlobals();
    expect(client.pets.getSync(1)).toMatchObject({ name: 'pet 1' });
  });
  it('in node:test bodies too: refused with DivergenceError, and the async method uses the mock', async () => {
    const script = join(repoRoot, 'test', 'fixtures', 'petstore', 'mocked.node-test.mjs');
    const child = await runNode(['--test', '--test-reporter=tap', script], { watchdogMs: 20_000 });
    expect(child.stdout, child.stderr).toMatch(/# pass 3\n# fail 0/);
  });
});

describe('a MockAgent as undici’s global dispatcher', () => {
  const key = Symbol.for('undici.globalDispatcher.1');
  const global = globalThis as Record<symbol, unknown>;
  let before: unknown; // Node's own Agent once undici has loaded here (it defines the key non-configurable)
  beforeEach(() => {
    before = global[key];
  });
  afterEach(() => {
    global[key] = before;
  });

  it('is named (undici keeps it on globalThis, where Node’s fetch reads it; the worker has none)', () => {
    // undici's setGlobalDispatcher(new MockAgent()) stores the agent there; a class of that name stands in for it.
    global[key] = new (class MockAgent {})();
    const client = new Petstore({ baseUrl });
    expect(thrownBy(() => client.pets.getSync(1)).what).toMatchInlineSnapshot(
      `"undici's global dispatcher on this thread is a MockAgent (setGlobalDispatcher), which the worker thread does not have"`,
    );
  });
});

describe('the advice, followed', () => {
  it('await the async method instead: the mock is used', async () => {
    const fetch = mockFetch();
    const client = new Petstore({ baseUrl, fetch });
    expect(await client.pets.aget(1)).toMatchObject({ name: 'from the mock', thread: 0 });
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('make the call from a setImmediate callback: the pump blocks on this thread and uses the mock', async () => {
    const fetch = mockFetch();
    const client = new Petstore({ baseUrl, fetch });
    const got = await new Promise((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(client.pets.getSync(1));
        } catch (error) {
          reject(error);
        }
      }),
    );
    expect(got).toMatchObject({ name: 'from the mock', thread: 0 });
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('in a test, runPumped: the pump blocks on the test’s thread and uses the mock', async () => {
    const fetch = mockFetch();
    const client = new Petstore({ baseUrl, fetch });
    expect(() => client.pets.getSync(1)).toThrow(DivergenceError);
    expect(await runPumped(() => client.pets.getSync(1))).toMatchObject({ name: 'from the mock', thread: 0 });
    expect(fetch).toHaveBeenCalledOnce();
  });

  it(
    'in a test, pumped: the whole body blocks with the pump and uses the mock',
    pumped(() => {
      const fetch = mockFetch();
      const client = new Petstore({ baseUrl, fetch });
      expect(client.pets.getSync(1)).toMatchObject({ name: 'from the mock', thread: 0 });
      expect(fetch).toHaveBeenCalledOnce();
    }),
  );

  it('make the call from CommonJS: the pump blocks there and uses the mock', async () => {
    const script = join(repoRoot, 'test', 'fixtures', 'petstore', 'mocked-from-cjs.cjs');
    const child = await runNode([script], { watchdogMs: 15_000 });
    expect(lastJson(child), child.stderr).toEqual({ got: { id: 1, name: 'from the mock', thread: 0 }, calls: 1 });
  });

  it("opt in with syncView(object, { divergence: 'allow' }): the twin runs the call, without the mock", () => {
    const fetch = mockFetch();
    const client = new Petstore({ baseUrl, fetch });
    const pet = syncView(client, { divergence: 'allow' }).pets.aget(1) as { name: string; thread: number };
    expect(pet.name).toBe('pet 1');
    expect(pet.thread).toBeGreaterThan(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("opt in with the class's decorator options (divergence: 'allow')", () => {
    const fetch = mockFetch();
    const client = new LenientPetstore({ baseUrl, fetch });
    expect(client.pets.getSync(1)).toMatchObject({ name: 'pet 1' });
  });

  it("strategy 'worker' asks for the twin explicitly, so it is not refused", () => {
    vi.spyOn(Pets.prototype, 'aget');
    const client = new Petstore({ baseUrl });
    expect(syncView(client, { strategy: 'worker' }).pets.aget(7)).toMatchObject({ name: 'pet 7' });
  });
});
