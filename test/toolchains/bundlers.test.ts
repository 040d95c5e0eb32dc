/**
 * An esbuild-bundled CLI that calls a relocatable client after `await` (test/toolchains/fixtures/bundle/build.mjs),
 * in ESM and CommonJS output without code splitting: the client is an entry point of its own, and the worker runs
 * the copy of its runner that asynchro's code carries. Built into .tmp/ (inside the repo, so that the bundle finds
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
  ms: number;
}

async function bundle(format: 'esm' | 'cjs', name: string): Promise<string> {
  const outdir = join(outRoot, name);
  rmSync(outdir, { recursive: true, force: true });
  const result = await runNode([build, format, outdir], { watchdogMs: 60_000 });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return join(outdir, `cli.${format === 'esm' ? 'mjs' : 'cjs'}`);
}

describe.each(['esm', 'cjs'] as const)('an esbuild bundle, %s output', (format) => {
  let cli: string;

  beforeAll(async () => {
    cli = await bundle(format, format);
  });

  it('runs a relocatable client after await (the client its own entry point; the runner needs no file)', async () => {
    const result = await runNode([cli], { watchdogMs: 30_000 });
    expect(lastJson<Report>(result)).toMatchObject({ ok: 'hello, bundle' });
    expect(result.code).toBe(0);
  });
});
