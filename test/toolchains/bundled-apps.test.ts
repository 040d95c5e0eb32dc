/**
 * A small server app (fixtures/apps/src/app.mjs: a pump call, a decorated client, syncView, workerSynced, a
 * relocatable class, a registered error class) built by each recipe of docs/bundlers.md, whose config files are
 * read from the page itself, then run as deployed: the output folder copied out of the repository, alone, with the
 * pump engine's prebuilds/ copied in, or with production node_modules beside it, as the recipe says. Then the same
 * app built without what a recipe adds, to see what it loses fail at its first call, naming the setting. Each app
 * is built once; one process per bundler builds all of its apps, the bundlers at once.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runNode } from '../helpers/child.js';

const fixtures = join(repoRoot, 'test/toolchains/fixtures/apps');
const projects = join(repoRoot, '.tmp', 'apps');
const deployments = mkdtempSync(join(tmpdir(), 'asynchro-apps-'));
type Bundler = 'esbuild' | 'rollup' | 'vite' | 'webpack';
type Beside = 'node_modules' | 'nothing' | 'prebuilds';

/** The recipes of docs/bundlers.md: each fenced block after a `<!-- recipe: <file> -->` line, by file name. */
const doc = readFileSync(join(repoRoot, 'docs/bundlers.md'), 'utf8');
const recipes = new Map(
  [...doc.matchAll(/<!-- recipe: (\S+) -->\n```js\n([\s\S]*?)```\n/g)].map(([, file, code]) => [file!, code!]),
);
function recipe(file: string): string {
  const code = recipes.get(file);
  if (code === undefined) throw new Error(`docs/bundlers.md holds no recipe ${file}`);
  return code;
}

/** vite's recipe without `ssr.noExternal`, as the page says it also works (the dependencies stay in node_modules). */
function viteWithoutNoExternal(): string {
  const code = recipe('vite.config.mjs');
  const without = code.replace('  ssr: { noExternal: true },\n', '');
  if (without === code) throw new Error('the vite recipe no longer sets ssr: { noExternal: true }');
  return without;
}

interface Project {
  bundler: Bundler;
  /** The recipe's file name (the bundler is its first word) and its text, as built. */
  recipe: string;
  config: string;
  /** Built instead of the recipe: a config file of fixtures/apps/ that imports it and changes it (not a recipe). */
  variant?: string;
  /** The app takes its relocatable class and error class from the package my-sdk, installed in node_modules. */
  sdkPackage?: boolean;
}

const asWritten = (bundler: Bundler, file = `${bundler}.config.mjs`) => ({
  bundler,
  recipe: file,
  config: recipe(file),
});
const PROJECTS = {
  esbuild: asWritten('esbuild'),
  rollup: asWritten('rollup'),
  vite: asWritten('vite'),
  webpack: asWritten('webpack'),
  'vite-without-noExternal': { ...asWritten('vite'), config: viteWithoutNoExternal() },
  'webpack-externals': { ...asWritten('webpack', 'webpack.externals.config.mjs'), sdkPackage: true },
  'esbuild-app-only': { ...asWritten('esbuild'), variant: 'esbuild.app-only.config.mjs' },
  'rollup-app-only': { ...asWritten('rollup'), variant: 'rollup.app-only.config.mjs' },
  'vite-app-only': { ...asWritten('vite'), variant: 'vite.app-only.config.mjs' },
} satisfies Record<string, Project>;
type Name = keyof typeof PROJECTS;
const entry = (name: Name) => (PROJECTS[name].bundler === 'webpack' ? 'app.cjs' : 'app.mjs');

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

/**
 * A project folder under .tmp/apps/ (inside the repository, so that its config finds the bundler, and the app finds
 * asynchro-bridge in .tmp/apps/node_modules): src/, the recipe, and the config file to build with.
 */
function assemble(name: Name): string {
  const project = join(projects, name);
  const { recipe: file, config, variant, sdkPackage } = PROJECTS[name] as Project;
  rmSync(project, { recursive: true, force: true });
  cpSync(join(fixtures, 'src'), join(project, 'src'), { recursive: true });
  writeFileSync(join(project, file), config);
  if (variant) cpSync(join(fixtures, variant), join(project, variant));
  if (sdkPackage) {
    const sdk = join(project, 'node_modules', 'my-sdk');
    cpSync(join(fixtures, 'my-sdk'), sdk, { recursive: true });
    for (const module of ['calc.mjs', 'errors.mjs']) {
      cpSync(join(fixtures, 'src', module), join(sdk, module));
      cpSync(join(fixtures, 'from-my-sdk', module), join(project, 'src', module));
    }
  }
  return join(project, variant ?? file);
}

/** Builds every project, one process per bundler (it loads once), the bundlers at once. */
async function buildAll(): Promise<void> {
  const configs = new Map<Bundler, string[]>();
  for (const name of Object.keys(PROJECTS) as Name[]) {
    const { bundler } = PROJECTS[name];
    configs.set(bundler, [...(configs.get(bundler) ?? []), assemble(name)]);
  }
  await Promise.all(
    [...configs].map(async ([bundler, files]) => {
      const result = await runNode([join(fixtures, 'build.mjs'), ...files], { cwd: projects, watchdogMs: 120_000 });
      if (result.code !== 0) throw new Error(`${bundler} build failed:\n${result.stdout}\n${result.stderr}`);
    }),
  );
}

/**
 * The output folder copied out of the repository: with node_modules beside it, alone, or with the pump engine's
 * prebuilds/ copied into it (the recipe for deploying without node_modules).
 */
function deploy(name: Name, beside: Beside, suffix = ''): string {
  const dir = join(deployments, `${name}-with-${beside}${suffix}`);
  cpSync(join(projects, name, 'out'), dir, { recursive: true });
  if (beside === 'node_modules') linkNodeModules(dir);
  if (beside === 'node_modules' && (PROJECTS[name] as Project).sdkPackage) {
    cpSync(join(projects, name, 'node_modules', 'my-sdk'), join(dir, 'node_modules', 'my-sdk'), { recursive: true });
  }
  if (beside === 'prebuilds') cpSync(join(repoRoot, 'prebuilds'), join(dir, 'prebuilds'), { recursive: true });
  return dir;
}

async function run(name: Name, dir: string): Promise<Record<string, Line>> {
  // Run from another folder than the bundle's, as a service manager would.
  const result = await runNode([join(dir, entry(name))], { cwd: deployments, watchdogMs: 30_000 });
  const lines = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line);
  expect(lines.at(-1), result.stderr).toEqual({ done: true });
  expect(result.code).toBe(0);
  return Object.fromEntries(lines.filter((line) => line.call).map((line) => [line.call, line]));
}

const QUOTA_ERROR = { name: 'QuotaError', code: 'E_QUOTA', message: 'no quota left for 3 units' };
const ALL_OK = {
  pump: { ok: 'timer' },
  client: { ok: { id: '7', name: 'Ada' } },
  view: { ok: { id: '8', name: 'Ada' } },
  depth: { ok: 1 }, // a subpath export shares the root's state in the bundle
  workerSynced: { ok: 42 },
  relocatable: { ok: 42 },
  registeredError: { ok: { instanceOf: true, ...QUOTA_ERROR } },
};
/**
 * webpack's recipe runs the relocatable class's source file in the worker (webpack wrote its path into the bundle)
 * and the minified bundle on the calling thread: two copies of the error class, the worker's unknown to the caller.
 * The error comes back with its name, code and message; `instanceof` needs the externals recipe.
 */
const WEBPACK_OK = { ...ALL_OK, registeredError: { ok: { instanceOf: false, ...QUOTA_ERROR } } };

beforeAll(async () => {
  mkdirSync(join(projects, 'node_modules'), { recursive: true });
  rmSync(join(projects, 'node_modules'), { recursive: true, force: true });
  linkNodeModules(projects); // the projects' own dependencies, found by the bundlers from .tmp/apps/<project>/src
  await buildAll();
}, 240_000);

afterAll(() => rmSync(deployments, { recursive: true, force: true }));

describe.each(['esbuild', 'rollup', 'vite', 'webpack'] as const)('an app built with %s by its recipe', (name) => {
  const allOk = name === 'webpack' ? WEBPACK_OK : ALL_OK;

  it('deployed with node_modules: every call gives its value', async () => {
    expect(await run(name, deploy(name, 'node_modules'))).toMatchObject(allOk);
  });

  it("deployed without node_modules, the engine's prebuilds/ copied beside: every call gives its value", async () => {
    expect(await run(name, deploy(name, 'prebuilds'))).toMatchObject(allOk);
  });

  it('deployed alone: worker calls work (the runner is in the bundle); pump calls are refused at once', async () => {
    const dir = deploy(name, 'nothing');
    const calls = await run(name, dir);
    const { pump, client, view, depth, ...workerCalls } = allOk;
    expect(calls).toMatchObject(workerCalls);
    for (const call of ['pump', 'client', 'view', 'depth']) {
      expect(calls[call]?.error).toMatchObject({ name: 'PumpUnavailableError', code: 'ASYNCHRO_PUMP_UNAVAILABLE' });
      // esbuild's minified output keeps no trace of esbuild: the message then names no bundler.
      const by = name === 'esbuild' ? '' : `, made by ${name}`;
      expect(calls[call]?.error?.message).toContain(`asynchro runs from a bundle (${join(dir, '')}`);
      expect(calls[call]?.error?.message).toMatch(new RegExp(`\\.m?c?js${by}\\), which does not hold the engine`));
      expect(calls[call]?.error?.message).toContain(
        `copy the folder prebuilds of node_modules/asynchro-bridge into the bundle's folder (${join(dir, 'prebuilds')})`,
      );
    }
  });
});

describe('the other recipes of docs/bundlers.md, deployed with node_modules as they say', () => {
  it('vite without ssr.noExternal: every call gives its value', async () => {
    const name = 'vite-without-noExternal';
    expect(await run(name, deploy(name, 'node_modules'))).toMatchObject(ALL_OK);
  });

  it("webpack with externals: every call gives its value, the relocatable class's sources gone", async () => {
    const name = 'webpack-externals';
    const dir = deploy(name, 'node_modules');
    const sources = join(projects, name, 'src');
    renameSync(sources, `${sources}-away`);
    try {
      expect(await run(name, dir)).toMatchObject(ALL_OK);
    } finally {
      renameSync(`${sources}-away`, sources);
    }
  });
});

describe('what a bundle loses fails its first call at once, naming the setting of the recipe that keeps it', () => {
  it('webpack: a relocatable class whose source file is not deployed: externals', async () => {
    const sources = join(projects, 'webpack', 'src');
    const dir = deploy('webpack', 'node_modules', '-without-sources');
    renameSync(sources, `${sources}-away`); // webpack wrote the source path into the bundle
    try {
      const started = performance.now();
      const calls = await run('webpack', dir);
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

  const entrySetting = {
    esbuild: `make that module an entry point of its own (entryPoints) and set splitting: true with format: 'esm'`,
    rollup: 'add that module to input, with ESM output',
    vite: 'add that module to build.rollupOptions.input, with ESM output',
  };
  const targetSetting = {
    esbuild: 'entryPoints, with splitting',
    rollup: 'input',
    vite: 'build.rollupOptions.input',
  };
  it.each(['esbuild', 'rollup', 'vite'] as const)(
    '%s with the app as its only entry: the relocatable class and the worker target, before any worker starts',
    async (bundler) => {
      const calls = await run(`${bundler}-app-only`, deploy(`${bundler}-app-only`, 'prebuilds'));
      const { workerSynced, relocatable, registeredError, ...pumpCalls } = ALL_OK;
      expect(calls).toMatchObject(pumpCalls);
      expect(calls.relocatable?.error?.name).toBe('WorkerStartupError');
      expect(calls.relocatable?.error?.message).toBe(
        `timesSync(CalcAsync.times): the worker cannot load Calc: The module that declares Calc was bundled into the ` +
          `application's entry file (app.mjs), and importing that file in the worker would run the application ` +
          `again. In the ${bundler} build, ${entrySetting[bundler]} ` +
          `(see docs/bundlers.md in asynchro-bridge).`,
      );
      expect(calls.workerSynced?.error?.message).toContain(
        `In a bundle, each relocatable module must be a file of its own, an entry point of the build: add it to ` +
          `${targetSetting[bundler]} in the ${bundler} build (see docs/bundlers.md in asynchro-bridge).`,
      );
    },
  );
});

describe('docs/bundlers.md', () => {
  it('holds each recipe, in the order the tests build them', () => {
    expect([...recipes.keys()]).toEqual([
      'esbuild.config.mjs',
      'rollup.config.mjs',
      'vite.config.mjs',
      'webpack.config.mjs',
      'webpack.externals.config.mjs',
      'next.config.mjs',
    ]);
  });
});
