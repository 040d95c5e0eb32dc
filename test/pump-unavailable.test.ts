/**
 * Where the loop pump cannot run at all, that is known before any work starts. On Node: the packed package installed
 * in a fresh project without its pump engine (its prebuilds/ folder removed, as on a platform none ships for), then
 * the runtime probes of test/fixtures/runtimes/ (the same scripts .ci/runtimes runs on Bun and Deno): every call that
 * needs the pump is refused with PumpUnavailableError before its target runs (the loopback server sees no request),
 * and strategy 'auto' runs relocatable targets on the worker, at top level, in a setImmediate callback and after an
 * `await`. The messages for Bun and Deno are pinned here; .ci/runtimes checks that they reach users there.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineUnavailable, runtimeWithoutLoop } from '../src/strategies/pump/engine.js';
import { pumpUnavailableError } from '../src/strategies/pump/errors.js';
import { lastJson, repoRoot, runNode } from './helpers/child.js';

const run = promisify(execFile);
const probes = fileURLToPath(new URL('./fixtures/runtimes/', import.meta.url));

let workspace: string;
let project: string;

beforeAll(async () => {
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'asynchro-no-engine-')));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', workspace], {
    cwd: repoRoot,
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
  });
  const { filename } = (JSON.parse(stdout) as { filename: string }[])[0]!;
  project = join(workspace, 'consumer');
  const installed = join(project, 'node_modules', 'asynchro-bridge');
  mkdirSync(installed, { recursive: true });
  await run('tar', ['-xzf', join(workspace, filename), '-C', installed, '--strip-components=1']);
  rmSync(join(installed, 'prebuilds'), { recursive: true });
  // every dependency but the engine
  symlinkSync(join(repoRoot, 'node_modules', 'reflect-metadata'), join(project, 'node_modules', 'reflect-metadata'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  cpSync(probes, project, { recursive: true });
});

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe(`Node ${process.version} without a loadable pump engine`, () => {
  it('has none: no prebuilds/ in the installed package, and deasync does not resolve from the project', async () => {
    expect(existsSync(join(project, 'node_modules', 'asynchro-bridge', 'prebuilds'))).toBe(false);
    const child = await runNode(['-e', "require.resolve('deasync')"], { cwd: project });
    expect(child.stderr).toContain("Cannot find module 'deasync'");
  });

  for (const probe of ['probe.cjs', 'probe.mjs']) {
    it(`${probe}: pump calls are refused before they start, relocatable ones return from the worker`, async () => {
      const child = await runNode([join(project, probe)], { cwd: project, watchdogMs: 30_000 });
      const notOk = child.stdout.split('\n').filter((line) => line.startsWith('not ok'));
      expect(notOk).toEqual([]);
      expect(lastJson(child)).toEqual({
        runtime: `node ${process.version}`,
        entry: probe.endsWith('.cjs') ? 'require' : 'import',
        passed: 29,
        failed: 0,
      });
      expect(child.code).toBe(0);
      expect(child.stderr).toBe('');
    });
  }
});

describe('PumpUnavailableError messages', () => {
  const call = { verb: 'sync', functionName: 'fetchUser' };
  const message = (versions: Record<string, string>, hasTickCallback = true): string => {
    const unavailable = runtimeWithoutLoop(versions, hasTickCallback);
    if (!unavailable) throw new Error('expected the pump to be unavailable');
    const error = pumpUnavailableError(call, unavailable, false);
    return `${error.name} [${error.code}] (${error.runtime}): ${error.message}`;
  };

  it('name the runtime, say why and what to do', () => {
    expect(message({ node: '26.3.0', bun: '1.4.5' })).toMatchInlineSnapshot(
      `"PumpUnavailableError [ASYNCHRO_PUMP_UNAVAILABLE] (Bun 1.4.5): sync(fetchUser) cannot block on Bun 1.4.5: Bun does not implement libuv's uv_run for native code, which the loop pump needs to turn the event loop (calling it aborts the process). The work was not started. Await the async function instead, or make the target relocatable so that it runs in a worker thread (workerSynced(module, exportName), or exposeSync's \`module\` option): strategy 'auto' sends relocatable targets there wherever the pump cannot run."`,
    );
    expect(message({ node: '26.3.0', deno: '2.9.6' }, false)).toMatchInlineSnapshot(
      `"PumpUnavailableError [ASYNCHRO_PUMP_UNAVAILABLE] (Deno 2.9.6): sync(fetchUser) cannot block on Deno 2.9.6: Deno runs Node code on its own event loop, with no libuv loop that native code could turn and no process._tickCallback to run ticks and microtasks. The work was not started. Await the async function instead, or make the target relocatable so that it runs in a worker thread (workerSynced(module, exportName), or exposeSync's \`module\` option): strategy 'auto' sends relocatable targets there wherever the pump cannot run."`,
    );
    expect(message({ node: '24.0.0' }, false)).toMatchInlineSnapshot(
      `"PumpUnavailableError [ASYNCHRO_PUMP_UNAVAILABLE] (this runtime (it reports Node 24.0.0)): sync(fetchUser) cannot block on this runtime (it reports Node 24.0.0): it has no process._tickCallback, which the loop pump needs to run ticks and microtasks. The work was not started. Await the async function instead, or make the target relocatable so that it runs in a worker thread (workerSynced(module, exportName), or exposeSync's \`module\` option): strategy 'auto' sends relocatable targets there wherever the pump cannot run."`,
    );
    const cause = new Error(
      'Could not locate the bindings file. Tried:\n → /app/node_modules/deasync/build/deasync.node\n → /app/node_modules/deasync/build/Debug/deasync.node',
    );
    const noEngine = pumpUnavailableError(call, engineUnavailable(cause, '24.1.0', 'linux-arm64'), true);
    expect(noEngine.cause).toBe(cause);
    expect(noEngine.message).toMatchInlineSnapshot(
      `"sync(fetchUser) cannot block on Node 24.1.0 on linux-arm64: the loop pump's native engine did not load there (Could not locate the bindings file; \`cause\` is the full error). The work had already started and goes on without a waiter. Await the async function instead, or make the target relocatable so that it runs in a worker thread (workerSynced(module, exportName), or exposeSync's \`module\` option): strategy 'auto' sends relocatable targets there wherever the pump cannot run."`,
    );
  });

  it('Node with process._tickCallback has a loop to turn', () => {
    expect(runtimeWithoutLoop({ node: '20.20.0' }, true)).toBeUndefined();
  });
});
