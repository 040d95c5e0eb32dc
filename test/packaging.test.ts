/**
 * The package as a user gets it (issue 2 §1): `npm pack`, unpacked into a fresh project's node_modules, then a
 * real CommonJS script `require`s it and a real ES module `import`s it, and both block on real async work; a process
 * that does both gets one copy (issue 14: dist/index.cjs is the implementation, dist/index.js re-exports it), which
 * the subpath exports share (state set through one is seen through the root: test/fixtures/packaging/check.cjs).
 * reflect-metadata is linked from this repo's node_modules, so no network is needed.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastJson, repoRoot, runNode } from './helpers/child.js';

const run = promisify(execFile);

/** The root's runtime names (docs/api.md): what an SDK author and its users call or catch. */
const ROOT = [
  'AsynchroError',
  'DeadlockError',
  'DecorationError',
  'DivergenceError',
  'PumpUnavailableError',
  'ReentrancyError',
  'SyncContextError',
  'SyncDepthError',
  'SyncTimeoutError',
  'WorkerCloneError',
  'WorkerExitError',
  'WorkerLimitError',
  'WorkerRecursionError',
  'WorkerStartupError',
  'asyncName',
  'awaitSync',
  'coroutine',
  'currentSignal',
  'desync',
  'desynced',
  'exposeAsync',
  'exposeSync',
  'isAwaitable',
  'isReallyCoroutineFunction',
  'registerErrorClasses',
  'relocatableSynced',
  'sync',
  'syncName',
  'syncView',
  'synced',
  'workerDesynced',
  'workerSynced',
];

/** Each subpath export's runtime names (docs/api.md has a section per subpath). */
const SUBPATHS = {
  introspection: [
    'ASYNC_NAME_KEY',
    'COROUTINE_KEY',
    'DESIGN_RETURN_TYPE_KEY',
    'DIVERGENCE_POLICIES',
    'ENGLISH_A_WORDS',
    'MAX_TIMEOUT_MS',
    'REENTRANCY_POLICIES',
    'STRATEGIES',
    'SYNC_NAME_KEY',
    'VARIANTS_KEY',
    'VARIANT_KEY',
    'WRAPS_KEY',
    'asyncNameOf',
    'coroutineReason',
    'describeVariants',
    'markCoroutine',
    'markWrapper',
    'syncNameOf',
  ],
  instrumentation: [
    'DESYNC_CHANNEL',
    'MAX_PUMP_DEPTH',
    'SYNC_CHANNEL',
    'collectStats',
    'pumpDepth',
    'setReentrancyPolicy',
  ],
  worker: ['addWorkerContext', 'setWorkerRunner', 'terminateWorkers'],
};

interface PackResult {
  filename: string;
  files: { path: string }[];
}

let workspace: string;
let project: string;
let packed: PackResult;

beforeAll(async () => {
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'asynchro-pack-')));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', workspace], {
    cwd: repoRoot,
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
  });
  packed = (JSON.parse(stdout) as PackResult[])[0]!;

  project = join(workspace, 'consumer');
  const installed = join(project, 'node_modules', 'asynchro-bridge');
  mkdirSync(installed, { recursive: true });
  await run('tar', ['-xzf', join(workspace, packed.filename), '-C', installed, '--strip-components=1']);
  for (const dependency of ['reflect-metadata']) {
    symlinkSync(join(repoRoot, 'node_modules', dependency), join(project, 'node_modules', dependency), 'dir');
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  writeFileSync(join(project, 'note.txt'), 'read through the packed package\n');
});

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the built code, its types, the pump engines, the README, the docs and the licence, and no tests', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'docs/README.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/index.cjs',
        'dist/bundler.js',
        ...Object.keys(SUBPATHS).flatMap((name) =>
          ['.js', '.cjs', '.bundler.js', '.d.ts'].map((ext) => `dist/subpaths/${name}${ext}`),
        ),
        ...Object.keys(SUBPATHS).map((name) => `dist/cjs/subpaths/${name}.d.ts`),
        'dist/cjs/index.d.ts',
        'dist/cjs/package.json',
        'dist/asynchro-runner.js',
        'native/pump.c',
        ...['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'].map(
          (target) => `prebuilds/${target}/pump.node`,
        ),
      ]),
    );
    expect(paths.filter((path) => path.startsWith('test/') || path.startsWith('.tmp/'))).toEqual([]);
  });

  it('a CommonJS script can require it and block on a file read and a timer', async () => {
    writeFileSync(
      join(project, 'main.cjs'),
      `const asynchro = require('asynchro-bridge');
const { readFile } = require('node:fs/promises');
const text = asynchro.sync(() => readFile(__dirname + '/note.txt', 'utf8'));
const late = asynchro.sync(async () => { await new Promise((resolve) => setTimeout(resolve, 20)); return 'after a timer'; });
const { pumpDepth } = require('asynchro-bridge/instrumentation');
console.log(JSON.stringify({ resolved: require.resolve('asynchro-bridge'), text, late, depth: pumpDepth() }));
`,
    );
    const child = await runNode([join(project, 'main.cjs')], { cwd: project, watchdogMs: 10_000 });
    expect(lastJson(child)).toEqual({
      resolved: join(project, 'node_modules', 'asynchro-bridge', 'dist', 'index.cjs'),
      text: 'read through the packed package\n',
      late: 'after a timer',
      depth: 0,
    });
    expect(child.stderr).toBe('');
  });

  it('an ES module can import it: typed error at top level, blocking from a setTimeout callback', async () => {
    writeFileSync(
      join(project, 'main.mjs'),
      `import { sync, SyncContextError } from 'asynchro-bridge';
import { readFile } from 'node:fs/promises';
let topLevel;
try { sync(() => readFile(new URL('./note.txt', import.meta.url), 'utf8')); } catch (error) { topLevel = error instanceof SyncContextError; }
setTimeout(() => {
  const text = sync(() => readFile(new URL('./note.txt', import.meta.url), 'utf8'));
  console.log(JSON.stringify({ resolved: import.meta.resolve('asynchro-bridge'), topLevel, text }));
}, 1);
`,
    );
    const child = await runNode([join(project, 'main.mjs')], { cwd: project, watchdogMs: 10_000 });
    expect(lastJson(child)).toEqual({
      resolved: `file://${join(project, 'node_modules', 'asynchro-bridge', 'dist', 'index.js')}`,
      topLevel: true,
      text: 'read through the packed package\n',
    });
    expect(child.stderr).toBe('');
  });

  it('exports the public API and nothing else: no internal entry point', async () => {
    const installed = join(project, 'node_modules', 'asynchro-bridge');
    const source = `import('asynchro-bridge').then((m) => console.log(JSON.stringify(Object.keys(m).sort())))`;
    const child = await runNode(['--input-type=module', '-e', source], { cwd: project, watchdogMs: 10_000 });
    expect(child.stderr).toBe('');
    expect(lastJson<string[]>(child)).toEqual(ROOT);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { exports: object };
    expect(Object.keys(manifest.exports)).toEqual([
      '.',
      ...Object.keys(SUBPATHS).map((name) => `./${name}`),
      './testing',
      './worker-runner',
      './package.json',
    ]);
  });

  it('each subpath exports its list, the same objects by import and by require', async () => {
    const script = `
      const names = {};
      const same = {};
      Promise.all(${JSON.stringify(Object.keys(SUBPATHS))}.map(async (name) => {
        const required = require('asynchro-bridge/' + name);
        const imported = await import('asynchro-bridge/' + name);
        names[name] = Object.keys(imported).sort();
        same[name] = Object.keys(required).sort().join() === names[name].join() &&
          names[name].every((key) => imported[key] === required[key]);
      })).then(() => console.log(JSON.stringify({ names, same })));`;
    const child = await runNode(['-e', script], { cwd: project, watchdogMs: 10_000 });
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({
      names: SUBPATHS,
      same: Object.fromEntries(Object.keys(SUBPATHS).map((name) => [name, true])),
    });
  });

  it.each(['main.cjs', 'main.mjs'])(
    "state set through the subpaths is the root's, by %s: one copy (worker runner, pump depth, policy)",
    async (file) => {
      const fixture = join(project, 'subpath-state');
      cpSync(join(repoRoot, 'test/fixtures/packaging'), fixture, { recursive: true });
      const child = await runNode([join(fixture, file)], { cwd: project, watchdogMs: 20_000 });
      expect(child.stderr).toBe('');
      expect(lastJson(child)).toEqual({
        runnerSetThroughWorker: 'WorkerStartupError: names the runner',
        runnerRestored: 42,
        markedThroughIntrospection: true,
        depthInsideRootSync: 1,
        statsOfRootCall: [{ calls: 1, pump: 1 }],
        policySetThroughInstrumentation: 'ReentrancyError',
      });
    },
  );

  it('asynchro-bridge/testing: the same three functions by require and by import; runPumped leaves a microtask', async () => {
    const script = `
      const { awaitSync } = require('asynchro-bridge');
      const testing = require('asynchro-bridge/testing');
      const inMicrotask = () => testing.runPumped(() => awaitSync(new Promise((r) => setTimeout(r, 5, 'pumped'))));
      Promise.resolve().then(inMicrotask).then(async (value) => {
        const imported = await import('asynchro-bridge/testing');
        const same = ['pumped', 'pumpedTests', 'runPumped'].every((name) => imported[name] === testing[name]);
        console.log(JSON.stringify({ value, names: Object.keys(testing).sort(), same }));
      });`;
    const child = await runNode(['-e', script], { cwd: project, watchdogMs: 10_000 });
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({ value: 'pumped', names: ['pumped', 'pumpedTests', 'runPumped'], same: true });
  });

  it('one process that requires and imports it gets one copy: same functions, error classes, pump depth', async () => {
    const check = `const cjs = require('asynchro-bridge');
Promise.all([import('asynchro-bridge'), import('asynchro-bridge/instrumentation')]).then(([esm, instrumentation]) => {
  const names = Object.keys(esm).filter((name) => esm[name] !== cjs[name]);
  let caught;
  try { cjs.sync(async () => 1); } catch (error) { caught = error; } // in a microtask: refused
  setTimeout(() => {
    const depth = cjs.sync(async () => { await new Promise((resolve) => setTimeout(resolve, 1)); return instrumentation.pumpDepth(); });
    console.log(JSON.stringify({
      sameExports: names.length === 0 ? Object.keys(cjs).length : names,
      caughtIsEsmClass: caught instanceof esm.SyncContextError && caught instanceof esm.AsynchroError,
      name: caught.name,
      depthSeenByEsm: depth,
    }));
  }, 1);
});
`;
    writeFileSync(join(project, 'both.cjs'), check);
    const child = await runNode([join(project, 'both.cjs')], { cwd: project, watchdogMs: 10_000 });
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({
      sameExports: ROOT.length,
      caughtIsEsmClass: true,
      name: 'SyncContextError',
      depthSeenByEsm: 1,
    });
  });

  it('its entries are one bundled CommonJS file and ES modules that re-export it (scripts/bundle.mjs)', () => {
    const dist = join(project, 'node_modules', 'asynchro-bridge', 'dist');
    const cjs = readFileSync(join(dist, 'index.cjs'), 'utf8');
    // builtins through process.getBuiltinModule(): no require() an application's ES module bundle could not serve
    expect(cjs.match(/\brequire\(\s*["'][^"']*["']\s*\)/g) ?? []).toEqual([]);
    const loads = (file: string) => readFileSync(join(dist, file), 'utf8').match(/^(import|const asynchro = ).*$/gm);
    expect(loads('index.js')).toEqual([
      `import { createRequire } from 'node:module';`,
      `const asynchro = createRequire(import.meta.url)('./index.cjs');`,
    ]);
    expect(loads('bundler.js')).toEqual([`import asynchro from './index.cjs';`]);
    // each subpath takes its names from the same bundle, by every condition: it holds no copy of asynchro's code
    const subpaths = "[Symbol.for('asynchro-bridge:subpaths')]";
    for (const name of Object.keys(SUBPATHS)) {
      expect(loads(`subpaths/${name}.js`)).toEqual([
        `import { createRequire } from 'node:module';`,
        `const asynchro = createRequire(import.meta.url)('../index.cjs')${subpaths}.${name};`,
      ]);
      expect(loads(`subpaths/${name}.bundler.js`)).toEqual([
        `import root from '../index.cjs';`,
        `const asynchro = root${subpaths}.${name};`,
      ]);
      expect(readFileSync(join(dist, `subpaths/${name}.cjs`), 'utf8')).toContain(
        `module.exports = require('../index.cjs')${subpaths}.${name};`,
      );
    }
  });

  it("node -e can import it from another working directory (the eval's global require is not used)", async () => {
    const entry = join(project, 'node_modules', 'asynchro-bridge', 'dist', 'index.js');
    const source = `import(${JSON.stringify(entry)}).then((m) => console.log(JSON.stringify({ decorator: typeof m.exposeSync })))`;
    const child = await runNode(['-e', source], { cwd: workspace, watchdogMs: 10_000 });
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({ decorator: 'function' });
  });
});
