// Second step of `npm run build`, after tsc: bundles the package entry (dist/index.js as tsc emitted it) into that one
// file, and the worker runner into dist/asynchro-runner.js, where asynchro looks for its runner beside a bundle.
// Why: loading an ES module graph costs Node about half a millisecond per module (resolving, reading, compiling each
// file); the entry pulled in ~60 of them, which made `require('asynchro')` 1.3x slower than synckit's single file.
// The source stays cut by concern (src/, layering.test.ts); only what Node loads is one file. tsc's per-file output
// stays beside it for the type declarations and for the 'asynchro/worker-runner' entry point.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const COLD = ['node:fs', 'node:os', 'node:timers', 'node:util', 'node:worker_threads'];

/** The names tsc's output imports from each cold builtin (`import { a, b } from 'node:fs'`; `default` for `import x`). */
function importedNames() {
  const names = new Map(COLD.map((builtin) => [builtin, new Set()]));
  const files = readdirSync('dist', { recursive: true }).filter((file) => file.endsWith('.js'));
  for (const file of files.filter((file) => file !== 'asynchro-runner.js')) {
    const source = readFileSync(join('dist', file), 'utf8');
    for (const [, whole, named, from] of source.matchAll(/^import (\w+)?,? ?(?:\{([^}]*)\})? ?from '([^']+)';$/gm)) {
      if (!names.has(from)) continue;
      if (whole) names.get(from).add('default');
      for (const name of named?.split(',') ?? []) names.get(from).add(name.trim().split(/\s+as\s+/)[0]);
    }
  }
  return names;
}

/**
 * Node builtins off the hot path, bound from `process.getBuiltinModule()` instead of an ES module import: importing a
 * builtin as an ES module builds its whole namespace, which runs every getter (`node:fs` then loads fs/promises,
 * readline and streams: 4-5 ms of a 20 ms load; newer Nodes also warn for deprecated ones such as `fs.F_OK`). Only
 * the names src imports are read. Hot-path builtins (perf_hooks, async_hooks, diagnostics_channel) stay imports.
 */
const coldBuiltins = {
  name: 'cold-builtins',
  setup(build) {
    const names = importedNames();
    build.onResolve({ filter: /^node:(fs|os|timers|util|worker_threads)$/ }, ({ path }) => ({
      path,
      namespace: 'builtin',
    }));
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, ({ path }) => {
      const wanted = names.get(path);
      const named = [...wanted].filter((name) => name !== 'default');
      const lines = [`const builtin = process.getBuiltinModule(${JSON.stringify(path)});`];
      if (wanted.has('default')) lines.push('export default builtin;');
      if (named.length) lines.push(`export const { ${named.join(', ')} } = builtin;`);
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // deasync is a native addon, loaded from node_modules. reflect-metadata is inlined: our ES module bundle has no
  // `require` to load it with, and copies share one registry (Symbol.for('@reflect-metadata:registry')).
  external: ['deasync'],
  sourcemap: true, // composed with tsc's maps: stack traces point at src/*.ts
  allowOverwrite: true,
  logLevel: 'warning',
  plugins: [coldBuiltins],
};
await build({ ...common, entryPoints: ['dist/index.js'], outfile: 'dist/index.js' });
await build({ ...common, entryPoints: ['dist/strategies/worker/runner.js'], outfile: 'dist/asynchro-runner.js' });
