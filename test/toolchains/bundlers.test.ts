/**
 * Issue 13 §2: an esbuild-bundled CLI that calls a relocatable client after `await` works by the README's recipe
 * (test/toolchains/fixtures/bundle/build.mjs), in ESM and CommonJS output; a bundle built without the runner fails
 * in under a second, naming the file it looked for. Built into .tmp/ (inside the repo, so that the bundle finds
 * asynchro-bridge's package, with its pump engine), run as real processes under a watchdog.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, repoRoot, runNode } from '../helpers/child.js';

const build = join(repoRoot, 'test/toolchains/fixtures/bundle/build.mjs');
const outRoot = join(repoRoot, '.tmp', 'bundles');

interface Report {
  ok?: string;
  className?: string;
  message?: string;
  module?: string;
  ms: number;
}

async function bundle(format: 'esm' | 'cjs', name: string, ...flags: string[]): Promise<string> {
  const outdir = join(outRoot, name);
  rmSync(outdir, { recursive: true, force: true });
  const result = await runNode([build, format, outdir, ...flags], { watchdogMs: 60_000 });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return join(outdir, `cli.${format === 'esm' ? 'mjs' : 'cjs'}`);
}

const tidy = (text: string | undefined) => text?.replaceAll(outRoot, '<out>');

describe.each(['esm', 'cjs'] as const)('an esbuild bundle, %s output', (format) => {
  let cli: string;
  let cliWithoutRunner: string;

  beforeAll(async () => {
    [cli, cliWithoutRunner] = await Promise.all([
      bundle(format, format),
      bundle(format, `${format}-without-runner`, '--without-runner'),
    ]);
  });

  it('runs a relocatable client after await, by the recipe (runner and client as their own entry points)', async () => {
    const result = await runNode([cli], { watchdogMs: 30_000 });
    expect(lastJson<Report>(result)).toMatchObject({ ok: 'hello, bundle' });
    expect(result.code).toBe(0);
  });

  it('without the runner: fails in under a second, naming the file it looked for', async () => {
    const result = await runNode([cliWithoutRunner], { watchdogMs: 30_000 });
    const report = lastJson<Report>(result);
    expect(report.className).toBe('WorkerStartupError');
    expect(report.ms).toBeLessThan(1000);
    expect(result.wallMs).toBeLessThan(15_000); // the process ends too (a start-up wait would keep it 20 s)
    const ext = format === 'esm' ? 'mjs' : 'cjs';
    expect(tidy(report.module)).toBe(`file://<out>/${format}-without-runner/asynchro-runner.${ext}`);
    expect(
      tidy(report.message)?.replaceAll(`${format}-without-runner`, '<dir>').replaceAll(`.${ext}`, '.<ext>'),
    ).toMatchInlineSnapshot(
      `"greetSync(ClientAsync.agreet): the worker thread could not start: asynchro's worker runner was not found at <out>/<dir>/asynchro-runner.<ext>, beside the bundle that holds asynchro's code (<out>/<dir>/client.<ext>). Build 'asynchro-bridge/worker-runner' as its own entry point to that path, or name the runner's location with setWorkerRunner(url) or ASYNCHRO_WORKER_RUNNER (see "Toolchains" in asynchro's README)."`,
    );
  });
});
