// Second step of `npm run build`, after tsc: bundles the package entry (dist/index.js as tsc emitted it) into one
// CommonJS file, dist/index.cjs, the one implementation; dist/index.js becomes a thin ES module that re-exports it;
// the worker runner is bundled into dist/asynchro-runner.js (an ES module), where asynchro looks for its runner. Why
// one file: loading an ES module graph costs Node about half a millisecond per module (resolving, reading, compiling
// each file); the entry pulled in ~60 of them, which made `require('asynchro-bridge')` 1.3x slower than synckit's single
// file. Why CommonJS: a `require` of an ES module goes through require(esm), which boots Node's ES module loader in
// a process that otherwise never needs it (about 4 ms); the ES module entry's `createRequire` of the bundle costs
// about what importing the ES module bundle did (-0.1 to +0.7 ms by major). Why one implementation behind both
// entries: a process that both requires and imports asynchro (a CommonJS dependency and an ES module app, say) gets
// one copy of its state, pump depth, registries, caches, and one set of error classes, so `instanceof` holds across
// both: no dual-package hazard.
// The subpath entries (asynchro-bridge/introspection, /instrumentation, /worker: src/subpaths/) hold no code of their
// own either: the same bundle carries their names, under a key no `Object.keys` lists (SUBPATHS_KEY), and each
// subpath's files take theirs from it. Bundled on its own, a subpath would get its own copy of the state its functions
// read (the worker pool, the stats collectors, the re-entrancy policy, the pump depth) and of the error classes.
// The source stays cut by concern (src/, layering.test.ts); only what Node loads is one file. tsc's per-file output
// stays beside it for the type declarations and for the 'asynchro-bridge/worker-runner' entry point.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

/** The names tsc's output imports from each builtin (`import { a, b } from 'node:fs'`; `default` for `import x`). */
function importedNames() {
  const names = new Map();
  const files = readdirSync('dist', { recursive: true }).filter((file) => file.endsWith('.js'));
  for (const file of files.filter((file) => !['asynchro-runner.js', 'testing.js'].includes(file))) {
    const source = readFileSync(join('dist', file), 'utf8');
    for (const [, whole, named, from] of source.matchAll(
      /^import (\w+)?,? ?(?:\{([^}]*)\})? ?from '(node:[^']+)';$/gm,
    )) {
      if (!names.has(from)) names.set(from, new Set());
      if (whole) names.get(from).add('default');
      for (const name of named?.split(',') ?? []) names.get(from).add(name.trim().split(/\s+as\s+/)[0]);
    }
  }
  return names;
}

/**
 * Node builtins bound from `process.getBuiltinModule()` instead of an ES module import or a `require`: importing a
 * builtin as an ES module builds its whole namespace, which runs every getter (`node:fs` then loads fs/promises,
 * readline and streams: 4-5 ms of a 20 ms load; newer Nodes also warn for deprecated ones such as `fs.F_OK`). Only
 * the names src imports are read, into plain bindings (no property load per use on the hot path). The CommonJS
 * bundle takes every builtin this way, so that it holds no `require()` call at all: an application that bundles it
 * into an ES module (esbuild, webpack) has no `require` to give it. The runner, an ES module, keeps the hot-path
 * builtins as imports. node:module is loaded at the first call of one of its functions: loading it loads Node's ES
 * module loader (~0.25 ms), which a CommonJS process that requires asynchro must not pay for (load-on-demand.test.ts).
 */
const LAZY = new Set(['node:module']);
const builtins = (filter) => ({
  name: 'builtins',
  setup(build) {
    const names = importedNames();
    build.onResolve({ filter }, ({ path }) => ({ path, namespace: 'builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, ({ path }) => {
      const wanted = names.get(path) ?? new Set();
      const named = [...wanted].filter((name) => name !== 'default');
      if (LAZY.has(path)) {
        if (wanted.has('default')) throw new Error(`bundle.mjs: import named functions of ${path}, not its default`);
        const lines = [
          `let builtin;`,
          `const load = () => (builtin ??= process.getBuiltinModule(${JSON.stringify(path)}));`,
        ];
        for (const name of named) lines.push(`export const ${name} = (...args) => load().${name}(...args);`);
        return { contents: lines.join('\n'), loader: 'js' };
      }
      const lines = [`const builtin = process.getBuiltinModule(${JSON.stringify(path)});`];
      if (wanted.has('default')) lines.push('export default builtin;');
      if (named.length) lines.push(`export const { ${named.join(', ')} } = builtin;`);
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
});

/**
 * `import.meta.url` in the CommonJS bundle (esbuild's define): this file's URL, from `__filename`; where an
 * application bundled this file into an ES module, which has no `__filename`, or gave it a path that is no file
 * (Turbopack: `/ROOT/node_modules/...`), the file of this code's own stack frame.
 */
const IMPORT_META_URL = `'use strict';
var importMetaUrl = (() => {
  const { pathToFileURL } = process.getBuiltinModule('node:url');
  if (typeof __filename === 'string' && process.getBuiltinModule('node:fs').existsSync(__filename)) {
    return pathToFileURL(__filename).href;
  }
  const { prepareStackTrace, stackTraceLimit } = Error;
  try {
    Error.stackTraceLimit = 1;
    Error.prepareStackTrace = (_, sites) => sites[0]?.getFileName();
    const file = new Error().stack ?? '';
    return file.startsWith('file:') ? file : pathToFileURL(file).href;
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
})();`;

/** The subpath entries sharing the root's bundle, by name: src/subpaths/<name>.ts, package.json's `./<name>`. */
const SUBPATHS = ['introspection', 'instrumentation', 'worker'];
/** Where dist/index.cjs keeps the subpaths' names: a symbol, so that the root's export list stays the root's. */
const SUBPATHS_KEY = "Symbol.for('asynchro-bridge:subpaths')";

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // reflect-metadata is inlined (metadata/reflect.ts requires it): copies share one registry anyway
  // (Symbol.for('@reflect-metadata:registry')). The pump engine is a file of the package, required by path at run time.
  sourcemap: true, // composed with tsc's maps: stack traces point at src/*.ts
  allowOverwrite: true,
  logLevel: 'warning',
};

if (readFileSync('dist/index.js', 'utf8').includes("('./index.cjs')"))
  throw new Error('bundle.mjs: dist/index.js is not tsc output: run `npm run build`, which runs tsc first');

// The entries' export names, from an ES module build of each (not written), so the re-export lists cannot drift.
const entries = ['dist/index.js', ...SUBPATHS.map((name) => `dist/subpaths/${name}.js`)];
const { metafile } = await build({
  ...common,
  format: 'esm',
  entryPoints: entries,
  outdir: 'dist',
  write: false,
  sourcemap: false,
  metafile: true,
  plugins: [builtins(/^node:/)],
});
const exportsOf = (entry) => Object.values(metafile.outputs).find((output) => output.entryPoint === entry).exports;
const names = exportsOf('dist/index.js');

await build({
  ...common,
  format: 'esm',
  entryPoints: ['dist/strategies/worker/runner.js'],
  outfile: 'dist/asynchro-runner.js',
  plugins: [builtins(/^node:(fs|os|timers|util|worker_threads)$/)],
});

// The same runner, minified, as a data: URL inside the CommonJS bundle: where an application bundles asynchro, the
// worker loads this copy, which a bundler can neither leave behind nor rewrite (strategies/worker/calling/startup.ts). Identifiers are kept:
// the worker reports errors by their class names.
const { outputFiles } = await build({
  ...common,
  format: 'esm',
  entryPoints: ['dist/strategies/worker/runner.js'],
  write: false,
  sourcemap: false,
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [builtins(/^node:(fs|os|timers|util|worker_threads)$/)],
});
const runnerDataUrl = `data:text/javascript;base64,${Buffer.from(outputFiles[0].contents).toString('base64')}`;

// The root's names, and the subpaths' under SUBPATHS_KEY, defined once the bundle's modules have all run (esbuild
// puts the entry's own code last). `module` is this CommonJS file's own.
const implementation = [
  "export * from './index.js';",
  ...SUBPATHS.map((name) => `import * as ${name} from './subpaths/${name}.js';`),
  `Object.defineProperty(module.exports, ${SUBPATHS_KEY}, { value: Object.freeze({ ${SUBPATHS.join(', ')} }) });`,
].join('\n');
await build({
  ...common,
  format: 'cjs',
  stdin: { contents: implementation, resolveDir: 'dist', sourcefile: 'index.cjs' },
  outfile: 'dist/index.cjs',
  logOverride: { 'commonjs-variable-in-esm': 'silent' },
  define: { 'import.meta.url': 'importMetaUrl', ASYNCHRO_RUNNER_DATA_URL: JSON.stringify(runnerDataUrl) },
  banner: { js: IMPORT_META_URL },
  plugins: [builtins(/^node:/)],
});

// The ES module entries, re-exporting every name (the list from the build, not from Node's scan of the bundle). Node's
// takes the bundle with `createRequire`: an `import` of a CommonJS file costs 1.5-2.3 ms more on every major (Node
// initialises its export-name scanner, cjs-module-lexer, and runs it), which is more than the bundle's lead over the
// ES module one. Bundlers do not follow `createRequire`: theirs, under the `module` condition (esbuild, webpack,
// rollup and vite take it), imports the bundle, so that it is in their output.
const reexports = (header, load, names) => `${header}
${load}

// Local names unlike the exported ones: an application that bundles this file would otherwise rename the bindings of
// those names inside ./index.cjs, and asynchro's error classes take their \`name\` from their class's.
const {
${names.map((name) => `  ${name}: $${name},`).join('\n')}
} = asynchro;

export {
${names.map((name) => `  $${name} as ${name},`).join('\n')}
};
`;
writeFileSync(
  'dist/index.js',
  reexports(
    "// asynchro's ES module entry: its implementation is ./index.cjs, one copy for both entries (scripts/bundle.mjs).",
    "import { createRequire } from 'node:module';\n\nconst asynchro = createRequire(import.meta.url)('./index.cjs');",
    names,
  ),
);
writeFileSync(
  'dist/bundler.js',
  reexports(
    "// asynchro's ES module entry for bundlers (the `module` condition): ./index.cjs in their output (bundle.mjs).",
    "import asynchro from './index.cjs';",
    names,
  ),
);

// Each subpath's three files, in place of tsc's dist/subpaths/<name>.js (whose own imports would load a second copy):
// <name>.cjs for `require`, <name>.js for Node's `import`, <name>.bundler.js for bundlers, as the root's.
for (const name of SUBPATHS) {
  const entry = `asynchro-bridge/${name}`;
  writeFileSync(
    `dist/subpaths/${name}.cjs`,
    `// ${entry}: its names are ../index.cjs's, so that it shares the root's state (scripts/bundle.mjs).
'use strict';
module.exports = require('../index.cjs')[${SUBPATHS_KEY}].${name};
`,
  );
  writeFileSync(
    `dist/subpaths/${name}.js`,
    reexports(
      `// ${entry} as an ES module: its names are ../index.cjs's, shared with the root (scripts/bundle.mjs).`,
      `import { createRequire } from 'node:module';\n\nconst asynchro = createRequire(import.meta.url)('../index.cjs')[${SUBPATHS_KEY}].${name};`,
      exportsOf(`dist/subpaths/${name}.js`),
    ),
  );
  writeFileSync(
    `dist/subpaths/${name}.bundler.js`,
    reexports(
      `// ${entry} for bundlers (the \`module\` condition): ../index.cjs's names, in their output (scripts/bundle.mjs).`,
      `import root from '../index.cjs';\n\nconst asynchro = root[${SUBPATHS_KEY}].${name};`,
      exportsOf(`dist/subpaths/${name}.js`),
    ),
  );
  rmSync(`dist/subpaths/${name}.js.map`, { force: true });
}
rmSync('dist/index.js.map', { force: true }); // tsc's, for the file this replaced

// The require side's types: tsc's declarations again, under dist/cjs/ whose package.json says CommonJS. TypeScript
// takes a .d.ts's module format from its package.json, and a CommonJS declaration file may not re-export an ES module
// one under `module: node16` (TS1479), so `export * from '../index.js'` would not do; a copy needs no rewriting.
rmSync('dist/cjs', { recursive: true, force: true });
for (const file of readdirSync('dist', { recursive: true }).filter((file) => file.endsWith('.d.ts'))) {
  mkdirSync(join('dist/cjs', dirname(file)), { recursive: true });
  cpSync(join('dist', file), join('dist/cjs', file));
}
writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);

// The testing entry (asynchro-bridge/testing), as the main one: one CommonJS bundle, dist/testing.cjs, and an ES module
// that re-exports it, so that a process that both requires and imports it holds one copy.
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['dist/testing/index.js'],
  outfile: 'dist/testing.cjs',
  plugins: [builtins(/^node:/)],
});
const testingNames = Object.keys(createRequire(import.meta.url)('../dist/testing.cjs'));
writeFileSync(
  'dist/testing.js',
  `// asynchro-bridge/testing as an ES module: its implementation is ./testing.cjs (scripts/bundle.mjs).
import { createRequire } from 'node:module';

export const { ${testingNames.join(', ')} } = createRequire(import.meta.url)('./testing.cjs');
`,
);
