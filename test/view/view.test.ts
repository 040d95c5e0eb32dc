/**
 * syncView against the real openai and @anthropic-ai/sdk clients and a loopback fake of their HTTP APIs. Blocking
 * runs in child processes (CommonJS top level, an HTTP request handler): a vitest test body is a microtask, where
 * the pump refuses, which the last tests use to show that a refused call sends no request. A CommonJS TypeScript
 * consumer (fixtures/new-user.cts) is compiled by tsc with type assertions, then run, as a new user would.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncContextError, syncView } from '../../src/index.js';
import { join } from 'node:path';
import { lastJson, repoRoot, runNode } from '../helpers/child.js';
import { startFakeAi, type FakeAi } from '../fixtures/fake-ai-server.mjs';

let fake: FakeAi;
beforeAll(async () => {
  fake = await startFakeAi();
});
afterAll(() => fake.close());

const fixture = (name: string): string => new URL(`../fixtures/view/${name}`, import.meta.url).pathname;

interface Scenario {
  failure?: string;
  sameView: boolean;
  instanceOf: boolean;
  modelsFirstPage: string[];
  modelsAll: string[];
  batchesFirstPage: { ids: string[]; hasMore: boolean };
  batchesAll: string[];
  batchesSecondPage: string[];
  completion: { text: string; json: string; proxied: boolean };
  stream: { streamed: string; chunks: number };
  helperStream: string;
  messageStreamHelper: { events: number; last: string; text: string };
  breakClosed: { firstChunk: string; aborted: boolean };
  notFound: { isNotFound: boolean; name: string; status: number; code: string };
  retry: { text: string; ms: number; calls: number };
  timeoutSameView: boolean;
  timeout: { isTimeout: boolean; message: string };
  wait: { wallMs: number; cpuMs: number };
  aborted: string;
  message: string;
  messageStream: { first: string; last: string; text: string };
  anthropicModels: string[];
  names: string[];
  stats: Record<string, { calls: number; errors: number; pump: number }>;
}

describe.each([
  ['CommonJS top level', 'top-level.cjs'],
  ['an HTTP request handler', 'request-handler.cjs'],
])('syncView of the real SDK clients from %s', (_, script) => {
  let result: Scenario;
  let requestsBefore: number;
  beforeAll(async () => {
    requestsBefore = fake.requests.length;
    const child = await runNode([fixture(script)], {
      env: { ...process.env, FAKE_AI_URL: fake.url },
      watchdogMs: 30_000,
    });
    result = lastJson<Scenario>(child);
    expect(result.failure).toBeUndefined();
  });

  it('returns the same view each time, which is still an instance of the client class', () => {
    expect(result.sameView).toBe(true);
    expect(result.instanceOf).toBe(true);
  });

  it('models.list(): the first page, and for...of over all its items', () => {
    expect(result.modelsFirstPage).toEqual(['gpt-fake-1', 'gpt-fake-2']);
    expect(result.modelsAll).toEqual(['gpt-fake-1', 'gpt-fake-2']);
  });

  it('a cursor-paginated list: for...of walks every page through `after`, getNextPage() blocks', () => {
    expect(result.batchesFirstPage).toEqual({ ids: ['batch_1', 'batch_2'], hasMore: true });
    expect(result.batchesAll).toEqual(['batch_1', 'batch_2', 'batch_3', 'batch_4', 'batch_5']);
    expect(result.batchesSecondPage).toEqual(['batch_3', 'batch_4']);
  });

  it('chat.completions.create returns the ChatCompletion as plain data', () => {
    expect(result.completion).toEqual({ text: 'echo: hello there', json: 'chatcmpl-fake', proxied: false });
  });

  it('stream: true gives a stream that for...of reads chunk by chunk; break aborts it', () => {
    expect(result.stream).toEqual({ streamed: 'echo: one two three', chunks: 6 });
    expect(result.breakClosed).toEqual({ firstChunk: 'assistant', aborted: true });
  });

  it('a helper that returns a stream object: its finalChatCompletion() blocks', () => {
    expect(result.helperStream).toBe('echo: helper stream');
  });

  it('an API error is thrown as the SDK’s own class, status and code kept', () => {
    expect(result.notFound).toEqual({ isNotFound: true, name: 'NotFoundError', status: 404, code: 'model_not_found' });
  });

  it('a 429 is retried by the SDK’s own backoff timer under the pump, inside one blocking call', () => {
    expect(result.retry.text).toBe('echo: again');
    expect(result.retry.calls).toBe(1);
    expect(result.retry.ms).toBeGreaterThanOrEqual(19); // the fake asks for retry-after-ms: 20
    const flaky = fake.requests
      .slice(requestsBefore)
      .filter((request) => request === 'POST /v1/chat/completions flaky-model');
    expect(flaky).toHaveLength(2);
  });

  it('options apply to every call: a timeout ends the wait with SyncTimeoutError, a signal with its reason', () => {
    expect(result.timeoutSameView).toBe(false);
    expect(result.timeout.isTimeout).toBe(true);
    expect(result.timeout.message).toMatchInlineSnapshot(
      `"syncView(chat.completions.create) timed out after 1000 ms; its signal (currentSignal()) was aborted with this error: work that passes it on stops, other work goes on in the background, its result discarded. Raise \`timeout\` or await the work instead."`,
    );
    expect(result.aborted).toBe('stopped by the caller');
  });

  it('sleeps while it waits: 1 s blocked on a pending response costs under 30% of that in CPU time', () => {
    // Measured 5-105 ms (the process's GC and compiler threads count too); a spinning pump burns the whole second.
    expect(result.wait.wallMs).toBeGreaterThanOrEqual(999);
    expect(result.wait.cpuMs).toBeLessThan(300);
  });

  it('anthropic messages.create, plain and streamed, and its paginated models.list', () => {
    expect(result.message).toBe('echo: bonjour');
    expect(result.messageStream).toEqual({ first: 'message_start', last: 'message_stop', text: 'echo: ciao a tutti' });
    expect(result.anthropicModels).toEqual(['claude-a', 'claude-b', 'claude-c']);
    // messages.stream() returns a MessageStream (no promise): for...of over its events, then finalText() blocks
    expect(result.messageStreamHelper).toEqual({ events: 8, last: 'message_stop', text: 'echo: stream helper' });
  });

  it('publishes every call on asynchro-bridge:sync named by its property path, and collectStats() counts them', () => {
    expect(result.names).toEqual(
      expect.arrayContaining([
        'models.list',
        'batches.list().next',
        'batches.list().getNextPage',
        'chat.completions.create',
        'chat.completions.create().next',
        'chat.completions.create().return',
        'messages.create',
      ]),
    );
    expect(result.stats['syncView(chat.completions.create)']).toEqual({ calls: 7, errors: 3, pump: 7 });
    expect(result.stats['syncView(chat.completions.stream().finalChatCompletion)']).toEqual({
      calls: 1,
      errors: 0,
      pump: 1,
    });
    expect(result.stats['syncView(chat.completions.create().return)']).toEqual({ calls: 1, errors: 0, pump: 1 });
    expect(result.stats['syncView(batches.list)']).toEqual({ calls: 1, errors: 0, pump: 1 });
  });
});

describe('a new user: a CommonJS TypeScript file compiled by tsc, run at top level', () => {
  it('compiles with the types asserted against the real SDK typings, and runs', async () => {
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = await runNode([tsc, '-p', join(repoRoot, 'test', 'view', 'fixtures', 'tsconfig.json')], {
      watchdogMs: 60_000,
    });
    expect(compiled.stdout + compiled.stderr, 'tsc reports no type errors').toBe('');
    const run = await runNode([join(repoRoot, '.tmp', 'view', 'new-user.cjs')], {
      env: { ...process.env, FAKE_AI_URL: fake.url },
      watchdogMs: 20_000,
    });
    expect(lastJson(run)).toEqual({
      models: ['gpt-fake-1', 'gpt-fake-2'],
      completion: 'echo: typed',
      streamed: 'echo: typed stream',
      message: 'echo: typed',
      events: 7,
    });
  });
});

describe('syncView over a hand-written client (child process)', () => {
  it('keeps this, #private fields, getters, setters; views resources, hands back data; for...of and break', async () => {
    const result = lastJson<Record<string, unknown>>(await runNode([fixture('shapes.cjs')], { watchdogMs: 20_000 }));
    expect(result).toEqual({
      whoami: 'shapes with secret',
      count: 42,
      isInstance: true,
      region: 'eu',
      regionAfterSet: 'us',
      user: {
        id: 7,
        name: 'user 7',
        via: 'shapes',
        createdAt: '1970-01-01T00:00:00.000Z',
        createdAtIsDate: true,
        proxied: false,
      },
      usersCached: true,
      sameViewAgain: true,
      adminPing: 'pong',
      settingsIsData: true,
      optionsIsData: true,
      sealedMethod: 'sealed',
      frozenMethodIsRaw: true,
      detached: 'user 8',
      fail: { isRangeError: true, message: 'bad range' },
      symbolMethod: 'secret',
      all: [1, 2, 3],
      logAfterAll: ['closed'],
      firstOfAll: 1,
      logAfterBreak: ['closed', 'closed'],
      json: { retries: 2 },
    });
  });
});

describe('syncView where the pump cannot block (a vitest test body is a microtask)', () => {
  it('throws SyncContextError before the SDK sends any request', () => {
    const ai = syncView(new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-fake', maxRetries: 0 }));
    const anthropic = syncView(new Anthropic({ baseURL: fake.url, apiKey: 'sk-ant-fake', maxRetries: 0 }));
    const before = fake.requests.length;
    expect(() => ai.models.list()).toThrow(SyncContextError);
    expect(() => ai.chat.completions.create({ model: 'gpt-fake', messages: [] })).toThrowErrorMatchingInlineSnapshot(
      `[SyncContextError: syncView(chat.completions.create) cannot block here: the caller is running inside a microtask (after an \`await\`, in a \`.then\` callback, in queueMicrotask, at an ES module's top level, or in an async test body), where turning the event loop would hang. The work was not started. Await the async function instead, call from CommonJS or a setImmediate callback (\`setImmediate(() => ...)\` leaves the microtask; in a test, so do \`pumped\` and \`runPumped\` from asynchro-bridge/testing), or make the target relocatable so it can run in a worker thread.]`,
    );
    expect(() => anthropic.messages.create({ model: 'claude-fake', max_tokens: 8, messages: [] })).toThrow(
      SyncContextError,
    );
    expect(fake.requests.length).toBe(before);
  });

  it('reading properties needs no blocking: data, getters and nested views work anywhere', () => {
    const client = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-fake' });
    const ai = syncView(client);
    expect(ai.baseURL).toBe(`${fake.url}/v1`);
    expect(ai.apiKey).toBe('sk-fake');
    expect(ai.chat.completions).toBe(ai.chat.completions);
    expect(ai.chat.completions).not.toBe(client.chat.completions);
    expect(ai).toBeInstanceOf(OpenAI);
  });

  it('members the runtime calls itself (then, toJSON, toString) are not blocking: awaiting or printing a view works', async () => {
    const thenable = { then: (resolve: (value: string) => void) => resolve('settled'), async other() {} };
    expect(await syncView(thenable)).toBe('settled');
    const client = {
      name: 'c',
      toJSON() {
        return { name: this.name };
      },
      toString() {
        return `client ${this.name}`;
      },
      async ping() {},
    };
    expect(JSON.stringify(syncView(client))).toBe('{"name":"c"}');
    expect(`${syncView(client)}`).toBe('client c');
  });
});

describe('syncView arguments', () => {
  it('refuses a target that is not an object', () => {
    expect(() => syncView(42 as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: syncView(target) needs an object (a client or one of its resources); got 42 (a number). For a single async function, use synced(fn).]`,
    );
  });

  it('checks the options once, where they are given', () => {
    const client = {};
    expect(() => syncView(client, { timeout: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: asynchro-bridge: syncView(target, options): option 'timeout' must be a number of milliseconds from 0 to 2147483647, or Infinity for no timeout; got -1 (a number).]`,
    );
    expect(() => syncView(client, { strategy: 'thread' as never })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: syncView(target, options): option 'strategy' must be one of 'auto', 'pump', 'worker'; got "thread" (a string).]`,
    );
    expect(() => syncView(client, { timeot: 5 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: asynchro-bridge: syncView(target, options): unknown option 'timeot'; the options are 'timeout', 'signal', 'strategy', 'reentrancy', 'divergence'.]`,
    );
  });

  it('gives the same view for the same target and options object, another for other options', () => {
    const client = { async ping() {} };
    const options = { timeout: 50 };
    expect(syncView(client)).toBe(syncView(client));
    expect(syncView(client, options)).toBe(syncView(client, options));
    expect(syncView(client, options)).not.toBe(syncView(client));
  });
});
