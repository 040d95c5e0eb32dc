/**
 * A small server app (fixtures/apps/src/app.mjs: a pump call, a decorated client, syncView, workerSynced, a
 * relocatable class) built with each bundler by the recipe of docs/bundlers.md (fixtures/apps/<bundler>.config.mjs),
 * then run as deployed: the output folder copied out of the repository, alone or with production node_modules
 * beside it. Each app is built once, all builds at once.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runNode } from '../helpers/child.js';

const fixtures = join(repoRoot, 'test/toolchains/fixtures/apps');
const projects = join(repoRoot, '.tmp', 'apps');
const deployments = mkdtempSync(join(tmpdir(), 'asynchro-apps-'));
const BUNDLERS = ['esbuild', 'rollup', 'vite', 'webpack'] as const;
type Bundler = (typeof BUNDLERS)[number];
const entry = (bundler: Bundler) => (bundler === 'webpack' ? 'app.cjs' : 'app.mjs');

interface Line {
  call?: string;
  ok?: unknown;
  error?: { name: string; code: string; message: string };
  done?: boolean;
}

/** The production dependencies as npm would install them: asynchro-bridge (this repository, with its prebuilds/). */
function linkNodeModules(dir: string): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(repoRoot, join(dir, 'node_modules', 'asynchro-bridge'), 'dir');
}

/** A project per bundler under .tmp/apps/ (inside the repository, so that its config finds the bundler). */
async function build(bundler: Bundler): Promise<void> {
  const project = join(projects, bundler);
  rmSync(project, { recursive: true, force: true });
  cpSync(join(fixtures, 'src'), join(project, 'src'), { recursive: true });
  cpSync(join(fixtures, `${bundler}.config.mjs`), join(project, `${bundler}.config.mjs`));
  const result = await runNode([join(fixtures, 'build.mjs'), bundler], { cwd: project, watchdogMs: 120_000 });
  if (result.code !== 0) throw new Error(`${bundler} build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * The output folder copied out of the repository: with node_modules beside it, alone, or with the pump engine's
 * prebuilds/ copied into it (the recipe for deploying without node_modules).
 */
function deploy(bundler: Bundler, beside: 'node_modules' | 'nothing' | 'prebuilds', name = ''): string {
  const dir = join(deployments, `${bundler}-with-${beside}${name}`);
  cpSync(join(projects, bundler, 'out'), dir, { recursive: true });
  if (beside === 'node_modules') linkNodeModules(dir);
  if (beside === 'prebuilds') cpSync(join(repoRoot, 'prebuilds'), join(dir, 'prebuilds'), { recursive: true });
  return dir;
}

async function run(dir: string, bundler: Bundler): Promise<Record<string, Line>> {
  const result = await runNode([join(dir, entry(bundler))], { cwd: dir, watchdogMs: 30_000 });
  const lines = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line);
  expect(lines.at(-1), result.stderr).toEqual({ done: true });
  expect(result.code).toBe(0);
  return Object.fromEntries(lines.filter((line) => line.call).map((line) => [line.call, line]));
}

const ALL_OK = {
  pump: { ok: 'timer' },
  client: { ok: { id: '7', name: 'Ada' } },
  view: { ok: { id: '8', name: 'Ada' } },
  depth: { ok: 1 }, // a subpath export shares the root's state in the bundle
  workerSynced: { ok: 42 },
  relocatable: { ok: 42 },
};

beforeAll(async () => {
  mkdirSync(join(projects, 'node_modules'), { recursive: true });
  rmSync(join(projects, 'node_modules'), { recursive: true, force: true });
  linkNodeModules(projects); // the projects' own dependencies, found by the bundlers from .tmp/apps/<bundler>/src
  await Promise.all(BUNDLERS.map(build));
}, 240_000);

afterAll(() => rmSync(deployments, { recursive: true, force: true }));

describe.each(BUNDLERS)('an app built with %s by its recipe', (bundler) => {
  it('deployed with node_modules: every call gives its value', async () => {
    expect(await run(deploy(bundler, 'node_modules'), bundler)).toMatchObject(ALL_OK);
  });

  it("deployed without node_modules, the engine's prebuilds/ copied beside: every call gives its value", async () => {
    expect(await run(deploy(bundler, 'prebuilds'), bundler)).toMatchObject(ALL_OK);
  });

  it('deployed alone: worker calls work; pump calls are refused at once, naming what to copy', async () => {
    const dir = deploy(bundler, 'nothing');
    const calls = await run(dir, bundler);
    expect(calls).toMatchObject({ workerSynced: ALL_OK.workerSynced, relocatable: ALL_OK.relocatable });
    for (const call of ['pump', 'client', 'view', 'depth']) {
      expect(calls[call]?.error).toMatchObject({ name: 'PumpUnavailableError', code: 'ASYNCHRO_PUMP_UNAVAILABLE' });
      // esbuild's minified output keeps no trace of esbuild: the message then names no bundler.
      const by = bundler === 'esbuild' ? '' : `, made by ${bundler}`;
      expect(calls[call]?.error?.message).toContain(`asynchro runs from a bundle (${join(dir, '')}`);
      expect(calls[call]?.error?.message).toMatch(new RegExp(`\\.m?c?js${by}\\), which does not hold the engine`));
      expect(calls[call]?.error?.message).toContain(
        `copy the folder prebuilds of node_modules/asynchro-bridge into the bundle's folder (${join(dir, 'prebuilds')})`,
      );
    }
  });
});

describe('what a bundle loses is found at the first call that needs it', () => {
  it('webpack: a relocatable class whose source file is not deployed fails at once, naming externals', async () => {
    const sources = join(projects, 'webpack', 'src');
    const dir = deploy('webpack', 'node_modules', '-without-sources');
    renameSync(sources, `${sources}-away`); // webpack wrote the source path into the bundle
    try {
      const started = performance.now();
      const calls = await run(dir, 'webpack');
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(calls.relocatable?.error).toMatchObject({ name: 'WorkerStartupError', code: 'ASYNCHRO_WORKER_STARTUP' });
      expect(calls.relocatable?.error?.message).toContain(
        "webpack wrote the module's source path into the bundle at build time (import.meta.url), so the worker " +
          "imports the source file: keep the module's package out of the bundle (externals)",
      );
      expect(calls.workerSynced).toEqual({ call: 'workerSynced', ok: 42 }); // webpack emits new URL() targets
    } finally {
      renameSync(`${sources}-away`, sources);
    }
  });

  it('webpack, the advice followed: the class’s package kept out (externals) and deployed in node_modules', async () => {
    // The app as before, but Calc comes from the package my-sdk (calc.mjs as its entry point), in node_modules.
    const project = join(projects, 'webpack-externals');
    rmSync(project, { recursive: true, force: true });
    cpSync(join(fixtures, 'src'), join(project, 'src'), { recursive: true });
    const app = join(project, 'src', 'app.mjs');
    writeFileSync(app, readFileSync(app, 'utf8').replace("from './calc.mjs'", "from 'my-sdk'"));
    const sdk = (dir: string) => {
      mkdirSync(join(dir, 'node_modules', 'my-sdk'), { recursive: true });
      cpSync(join(fixtures, 'src', 'calc.mjs'), join(dir, 'node_modules', 'my-sdk', 'calc.mjs'));
      writeFileSync(
        join(dir, 'node_modules', 'my-sdk', 'package.json'),
        JSON.stringify({ name: 'my-sdk', type: 'module', exports: './calc.mjs' }),
      );
    };
    sdk(project);
    cpSync(join(fixtures, 'webpack-externals.config.mjs'), join(project, 'webpack.config.mjs'));
    const built = await runNode([join(fixtures, 'build.mjs'), 'webpack'], { cwd: project, watchdogMs: 120_000 });
    expect(built.code, built.stderr).toBe(0);
    const dir = join(deployments, 'webpack-externals');
    cpSync(join(project, 'out'), dir, { recursive: true });
    linkNodeModules(dir);
    sdk(dir);
    rmSync(join(project, 'src'), { recursive: true }); // the sources are not deployed
    expect(await run(dir, 'webpack')).toMatchObject(ALL_OK);
  });

  it('esbuild with the app as its only entry: the class is refused before any worker starts', async () => {
    const outdir = join(projects, 'esbuild-one-entry');
    await esbuild({
      entryPoints: [join(projects, 'esbuild', 'src', 'app.mjs')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outdir,
      outExtension: { '.js': '.mjs' },
      logLevel: 'error',
    });
    const calls = await run(outdir, 'esbuild');
    expect(calls.relocatable?.error?.name).toBe('WorkerStartupError');
    expect(calls.relocatable?.error?.message).toMatchInlineSnapshot(
      `"timesSync(CalcAsync.times): the worker cannot load Calc: The module that declares Calc was bundled into the application's entry file (app.mjs), and importing that file in the worker would run the application again. In the esbuild build, make that module an entry point of its own (entryPoints) and set splitting: true with format: 'esm' (see docs/bundlers.md in asynchro-bridge)."`,
    );
    expect(calls.workerSynced?.error?.message).toContain(
      'In a bundle, each relocatable module must be a file of its own: an entry point of the build',
    );
  });
});

describe('docs/bundlers.md', () => {
  it('holds each recipe as the config file the tests build with, verbatim', () => {
    const doc = readFileSync(join(repoRoot, 'docs/bundlers.md'), 'utf8');
    const blocks = [...doc.matchAll(/<!-- fixture: (\S+) -->\n```js\n([\s\S]*?)```\n/g)];
    expect(blocks.map(([, file]) => file)).toEqual([
      ...BUNDLERS.map((bundler) => `test/toolchains/fixtures/apps/${bundler}.config.mjs`),
      'test/toolchains/fixtures/next/next.config.mjs',
    ]);
    for (const [, file, code] of blocks) expect(code).toBe(readFileSync(join(repoRoot, file as string), 'utf8'));
  });
});
