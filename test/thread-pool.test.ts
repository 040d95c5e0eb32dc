/**
 * Thread-pool completion callbacks (src/strategies/pump/thread-pool.ts): the pump refuses there, 'auto' sends a
 * relocatable target to the worker, and `setImmediate` is the way out. Real contexts, in a child process.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from './helpers/child.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/thread-pool/${name}`, import.meta.url));

describe('thread-pool completion callbacks', () => {
  it('refuse the pump (a coroutine before it starts), send relocatable targets to the worker, never hang', async () => {
    const child = await runNode([fixture('contexts.cjs')], { watchdogMs: 20_000 });
    const results = lastJson<Record<string, unknown>>(child);
    const contexts = ['fs.stat', 'fs.readFile', 'readStream.data', 'dns.lookup', 'zlib.data', 'crypto.pbkdf2'];
    expect(results).toEqual({
      ...Object.fromEntries(
        contexts.map((name) => [
          name,
          {
            coroutine: 'SyncContextError',
            started: false,
            plain: 'SyncContextError',
            plainStarted: true,
            relocated: `echo: ${name}`,
          },
        ]),
      ),
      // not recognised up front: the pump's platform-task probe finds the hidden handles within a second, each time
      'tick from fs.stat': {
        hiddenReply: 'SyncContextError',
        hiddenWasm: 'SyncContextError',
        waitedAtMostTwoSeconds: true,
        shortTimer: 'timer: 5 ms',
      },
      'zlib.gzip callback': {
        hiddenReply: 'SyncContextError',
        hiddenWasm: 'SyncContextError',
        waitedAtMostTwoSeconds: true,
        shortTimer: 'timer: 5 ms',
      },
      setImmediateFromFsCallback: 'echo: escaped',
    });
    expect(child.stderr).toBe('');
  });

  it('says why and what to do, also when found while waiting', async () => {
    const child = await runNode([fixture('messages.cjs')]);
    const [refused, found] = child.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string);
    expect(found).toMatchInlineSnapshot(
      `"sync(waitForSilentWorker) cannot block here: it runs inside a thread-pool completion callback after all (found while waiting: a probe of V8's platform tasks did not come back in 500 ms), most likely a tick or callback run from an fs, zlib, dns or crypto callback. There libuv hides the loop's async handles, so a worker reply or a WebAssembly result would never arrive. The work had already started and goes on without a waiter. Leave the callback with setImmediate(() => ...) before blocking, or await the work."`,
    );
    expect(refused).toMatchInlineSnapshot(
      `"sync(uploadReport) cannot block here: it was called from a thread-pool completion callback (an fs callback API, a read stream or readline over a file, dns.lookup, zlib or crypto), where libuv hides the loop's async handles from a nested event loop: a worker reply, a WebAssembly result or a first fetch would never arrive and the call could wait forever. The work was not started. Await the async function instead, call from a setImmediate callback (\`setImmediate(() => ...)\` leaves the thread-pool callback), or make the target relocatable so it can run in a worker thread."`,
    );
  });
});
