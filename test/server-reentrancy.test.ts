/**
 * Overlapping blocking calls in an HTTP server (src/strategies/foreign.ts). A request handler that blocks runs the
 * next request's handler inside its pump: with the pump, calls stack (each waits for every later one); with 'auto'
 * and a relocatable target, a handler running inside another call's pump blocks in the worker, so nothing nests
 * deeper than one level and each earlier request returns once the overlapping one is done.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/server-overlap.cjs', import.meta.url));

interface Served {
  path: string;
  body: string;
  depth: number;
  doneAtMs: number;
}

/** Starts the server in `mode`, sends each `[path, atMs]` request, and returns what each handler reported. */
async function overlap(mode: 'auto' | 'pump', requests: [string, number][]): Promise<Served[]> {
  const child = spawn(process.execPath, [fixture, mode, String(requests.length)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 20_000);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (line: Buffer) => resolve((JSON.parse(String(line)) as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
    });
    const started = performance.now();
    const served = await Promise.all(
      requests.map(async ([path, atMs]) => {
        await new Promise((resolve) => setTimeout(resolve, atMs));
        const reply = (await (await fetch(`http://127.0.0.1:${port}${path}`)).json()) as Omit<
          Served,
          'path' | 'doneAtMs'
        >;
        return { path, body: reply.body, depth: reply.depth, doneAtMs: performance.now() - started };
      }),
    );
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    expect(stderr).toBe('');
    return served;
  } finally {
    clearTimeout(watchdog);
    child.kill();
  }
}

// A (300 ms upstream) at 0 ms, B (1,000 ms) at 100 ms while A blocks, C (1,000 ms) at 600 ms while B blocks.
const REQUESTS: [string, number][] = [
  ['/delay/300', 0],
  ['/delay/1000', 100],
  ['/delay/1000', 600],
];

describe('overlapping blocking calls in an HTTP server', () => {
  it('with the pump they stack: C runs at depth 2, and A (300 ms of its own) returns only after C', async () => {
    const [a, b, c] = await overlap('pump', REQUESTS);
    expect([a!.body, b!.body, c!.body]).toEqual(['200 GET /delay/300', '200 GET /delay/1000', '200 GET /delay/1000']);
    expect([a!.depth, b!.depth, c!.depth]).toEqual([0, 1, 2]);
    expect(a!.doneAtMs).toBeGreaterThan(1550); // C's 1,000 ms from 600 ms
  }, 30_000);

  it("with 'auto' and a relocatable target, the overlapping call blocks in the worker: no deeper nesting, A returns before C", async () => {
    const [a, b, c] = await overlap('auto', REQUESTS);
    expect([a!.body, b!.body, c!.body]).toEqual(['200 GET /delay/300', '200 GET /delay/1000', '200 GET /delay/1000']);
    expect(b!.depth).toBe(1); // B's handler ran inside A's pump, and blocked in the worker
    expect(c!.depth).toBeLessThanOrEqual(1);
    expect(a!.doneAtMs).toBeLessThan(c!.doneAtMs - 500); // A waited for B (1,100 ms), not for C
  }, 30_000);
});
