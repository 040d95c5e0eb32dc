/**
 * Issue 13 §1 and §3: a worker that cannot start says why at once (missing or broken runner, a preload that fails in
 * the worker), and the worker loads modules the way the caller does (its --import preloads and the hooks they
 * register, from the command line and NODE_OPTIONS). Each case is a real process under a watchdog; the call is
 * made after `await`, where only the worker can block (test/toolchains/fixtures/startup/call.mjs).
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, repoRoot, runNode } from '../helpers/child.js';
import { preloadsOf, splitNodeOptions } from '../../src/strategies/worker/calling/preloads.js';
import { newerSources } from '../../src/strategies/worker/calling/startup.js';

const fixtures = join(repoRoot, 'test/toolchains/fixtures/startup');
const call = join(fixtures, 'call.mjs');
const targets = new URL('../worker/fixtures/targets.mjs', import.meta.url).href;
const registerHooks = ['--import', './test/toolchains/fixtures/startup/register-hooks.mjs'];

interface Report {
  ok?: unknown;
  className?: string;
  message?: string;
  module?: string;
  cause?: string;
  code?: string;
  ms: number;
  again: string;
}

async function run(
  nodeArgs: string[],
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
  cwd = repoRoot,
): Promise<Report> {
  const result = await runNode([call, ...args], { nodeArgs, env: { ...process.env, ...env }, watchdogMs: 30_000, cwd });
  return lastJson<Report>(result);
}

const tidy = (text: string | undefined) => text?.replaceAll(repoRoot.replace(/\/$/, ''), '<repo>');

describe('the worker loads modules the way the caller does', () => {
  it('without the preload, the hook-resolved import fails in the worker as it would in this process', async () => {
    const report = await run([]);
    expect(report.className).toBe('WorkerStartupError');
    expect(report.code).toBe('ERR_UNSUPPORTED_ESM_URL_SCHEME');
  });

  it('carries an --import preload that registers hooks (Node itself runs --import only on the main thread)', async () => {
    expect(await run(registerHooks)).toMatchObject({ ok: 42, again: 'ok' });
  });

  it('carries the same preload given in NODE_OPTIONS', async () => {
    expect(
      await run([], { NODE_OPTIONS: '--import "./test/toolchains/fixtures/startup/register-hooks.mjs"' }),
    ).toMatchObject({ ok: 42, again: 'ok' });
  });
});

describe("the worker's own start leaves no trace", () => {
  it('targets see no CommonJS globals (an eval worker would get require, module... as `node -e` does), from any working directory', async () => {
    const globals = new URL('./fixtures/startup/globals.mjs', import.meta.url).href;
    expect(await run([], {}, [globals, 'commonJsGlobals'], tmpdir())).toMatchObject({
      ok: 'require: undefined, module: undefined, exports: undefined, __filename: undefined, __dirname: undefined',
      again: 'ok',
    });
  });
});

describe('a worker that cannot start says why at once', () => {
  it('a runner named by ASYNCHRO_WORKER_RUNNER that does not exist: at once, naming the file, no thread started', async () => {
    const report = await run(registerHooks, { ASYNCHRO_WORKER_RUNNER: join(fixtures, 'no-such-runner.mjs') });
    expect(report.ms).toBeLessThan(1000);
    expect(report.again).toBe('WorkerStartupError');
    expect(tidy(report.module)).toBe('file://<repo>/test/toolchains/fixtures/startup/no-such-runner.mjs');
    expect(tidy(report.message)).toMatchInlineSnapshot(
      `"workerSynced(answer): the worker thread could not start: asynchro's worker runner was not found at <repo>/test/toolchains/fixtures/startup/no-such-runner.mjs (named by ASYNCHRO_WORKER_RUNNER). Give ASYNCHRO_WORKER_RUNNER the path or file: URL of the 'asynchro-bridge/worker-runner' entry point."`,
    );
  });

  it('setWorkerRunner() names the runner: a missing one is reported the same way, the real one works', async () => {
    const missing = await run(registerHooks, { SET_WORKER_RUNNER: join(fixtures, 'no-such-runner.mjs') });
    expect(missing.ms).toBeLessThan(1000);
    expect(tidy(missing.message)).toMatchInlineSnapshot(
      `"workerSynced(answer): the worker thread could not start: asynchro's worker runner was not found at <repo>/test/toolchains/fixtures/startup/no-such-runner.mjs (named by setWorkerRunner()). Give setWorkerRunner() the path or file: URL of the 'asynchro-bridge/worker-runner' entry point."`,
    );
    const real = await run(registerHooks, { SET_WORKER_RUNNER: join(repoRoot, 'dist/strategies/worker/runner.js') });
    expect(real).toMatchObject({ ok: 42, again: 'ok' });
  });

  it('a runner with a syntax error: the SyntaxError, within seconds (not the 20 s start-up limit)', async () => {
    const report = await run(registerHooks, { ASYNCHRO_WORKER_RUNNER: join(fixtures, 'broken-runner.mjs') });
    expect(report.ms).toBeLessThan(5000);
    expect(report.cause).toMatch(/^SyntaxError: /);
    expect(tidy(report.message)).toMatchInlineSnapshot(
      `"workerSynced(answer): the worker thread could not start: it failed to load asynchro's worker runner file://<repo>/test/toolchains/fixtures/startup/broken-runner.mjs: Unexpected end of input"`,
    );
  });

  it('an --import preload that throws in the worker: its error, naming the preload', async () => {
    const report = await run([...registerHooks, '--import', './test/toolchains/fixtures/startup/fails-in-worker.mjs']);
    expect(report.ms).toBeLessThan(5000);
    expect(report.cause).toBe('Error: this preload refuses to run in a worker thread');
    expect(tidy(report.message)).toMatchInlineSnapshot(
      `"workerSynced(answer): the worker thread could not start: it failed to load the --import preload file://<repo>/test/toolchains/fixtures/startup/fails-in-worker.mjs: this preload refuses to run in a worker thread"`,
    );
  });

  it('an --import preload that ends the worker (process.exit) or never finishes (a top-level await that never settles)', async () => {
    const exits = await run(['--import', './test/toolchains/fixtures/startup/exits-in-worker.mjs'], {}, [
      targets,
      'echo',
    ]);
    expect(exits.ms).toBeLessThan(5000);
    expect(tidy(exits.message)).toMatchInlineSnapshot(
      `"workerSynced(echo): the worker thread could not start: it failed to load the --import preload file://<repo>/test/toolchains/fixtures/startup/exits-in-worker.mjs: the worker thread exited with code 3 before it finished (process.exit?)"`,
    );
    const hangs = await run(['--import', './test/toolchains/fixtures/startup/never-settles.mjs'], {}, [
      targets,
      'echo',
    ]);
    expect(hangs.ms).toBeLessThan(5000);
    expect(tidy(hangs.message)).toMatchInlineSnapshot(
      `"workerSynced(echo): the worker thread could not start: it failed to load the --import preload file://<repo>/test/toolchains/fixtures/startup/never-settles.mjs: the worker thread ran out of work before it finished (a top-level await that never settles?)"`,
    );
  });

  it('a --require preload that throws in the worker (Node runs it before any of our code): within seconds, saying so', async () => {
    const report = await run(['--require', './test/toolchains/fixtures/startup/fails-in-worker.cjs'], {}, [
      targets,
      'echo',
    ]);
    expect(report.className).toBe('WorkerStartupError');
    expect(report.ms).toBeLessThan(5000);
    expect(report.message).toMatchInlineSnapshot(
      `"workerSynced(echo): the worker thread could not start: it ended before asynchro's bootstrap ran, so a --require preload or --loader hook (process.execArgv, NODE_OPTIONS) failed in it; Node reports that error as the Worker's 'error' event, which this thread cannot receive while it is blocked. Check that those load in a worker thread."`,
    );
  });
});

describe('start-up helpers', () => {
  it('splits NODE_OPTIONS as Node does', () => {
    expect(splitNodeOptions('--import tsx  --max-old-space-size=100 --require "./a b.cjs" "--title=x\\"y"')).toEqual([
      '--import',
      'tsx',
      '--max-old-space-size=100',
      '--require',
      './a b.cjs',
      '--title=x"y',
    ]);
  });

  it('finds --import preloads in NODE_OPTIONS first, then execArgv; relative ones from the working directory; tsx through its register APIs', () => {
    const preloads = preloadsOf(
      ['--import=./local.mjs', '--import', 'tsx', '--require', './r.cjs'],
      '--import @scope/hooks/register',
      repoRoot,
    );
    expect(
      preloads.map((preload) => tidy('import' in preload ? preload.import : `${preload.by} ${preload.register}`)),
    ).toEqual([
      '@scope/hooks/register',
      'file://<repo>/local.mjs',
      'import file://<repo>/node_modules/tsx/dist/esm/api/index.mjs',
      'require <repo>/node_modules/tsx/dist/cjs/api/index.cjs',
    ]);
  });

  it('tells a stale build from a fresh one (run from source, the worker uses the build)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asynchro-stale-'));
    writeFileSync(join(dir, 'runner.ts'), '');
    writeFileSync(join(dir, 'runner.js'), '');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'runner.ts'), past, past);
    expect(newerSources(dir, join(dir, 'runner.js'))).toEqual([]);
    utimesSync(join(dir, 'runner.js'), new Date(past.getTime() - 60_000), new Date(past.getTime() - 60_000));
    expect(newerSources(dir, join(dir, 'runner.js'))).toEqual(['runner.ts']);
    mkdirSync(join(dir, 'thread'));
    writeFileSync(join(dir, 'thread', 'serve.ts'), '');
    expect(newerSources(dir, join(dir, 'runner.js')).sort()).toEqual(['runner.ts', join('thread', 'serve.ts')]);
  });
});
