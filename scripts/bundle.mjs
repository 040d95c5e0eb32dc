// Second step of `npm run build`, after tsc: bundles the package entry (dist/index.js as tsc emitted it) into that one
// file, and the worker runner into dist/asynchro-runner.js, where asynchro looks for its runner beside a bundle.
// Why: loading an ES module graph costs Node about half a millisecond per module (resolving, reading, compiling each
// file); the entry pulled in ~60 of them, which made `require('asynchro')` 1.3x slower than synckit's single file.
// The source stays cut by concern (src/, layering.test.ts); only what Node loads is one file. tsc's per-file output
// stays beside it for the type declarations and for the 'asynchro/worker-runner' entry point.
import { build } from 'esbuild';

/**
 * Node builtins off the hot path, bound from `process.getBuiltinModule()` instead of an ES module import: importing a
 * builtin as an ES module builds its whole namespace, which runs every getter (`node:fs` then loads fs/promises,
 * readline and streams: 4-5 ms of a 20 ms load). Only plain data properties are bound, by name, as the import did.
 * Hot-path builtins (perf_hooks, async_hooks, diagnostics_channel) stay plain imports.
 */
const coldBuiltins = {
  name: 'cold-builtins',
  setup(build) {
    build.onResolve({ filter: /^node:(fs|os|timers|worker_threads)$/ }, ({ path }) => ({ path, namespace: 'builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, ({ path }) => {
      const builtin = process.getBuiltinModule(path);
      const names = Object.entries(Object.getOwnPropertyDescriptors(builtin))
        .filter(([name, descriptor]) => 'value' in descriptor && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default')
        .map(([name]) => name);
      const source = JSON.stringify(path);
      return {
        contents: `const m = process.getBuiltinModule(${source});\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`,
        loader: 'js',
      };
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
