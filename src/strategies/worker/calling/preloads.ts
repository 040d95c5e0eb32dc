/** The calling thread's loaders replayed in a worker: `--import` preloads, tsx's register APIs, advice. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the bootstrap loads before the runner: an `--import` preload, or a module whose `register()` it calls. */
export type Preload = { import: string } | { register: string; by: 'import' | 'require' };

/** NODE_OPTIONS split as Node splits it: spaces separate, double quotes group, a backslash escapes inside quotes. */
export function splitNodeOptions(value: string): string[] {
  const args: string[] = [];
  let current = '';
  let started = false;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (quoted && char === '\\' && i + 1 < value.length) current += value[++i];
    else if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (char === ' ' && !quoted) {
      if (started || current) args.push(current);
      current = '';
      started = false;
    } else current += char;
  }
  if (started || current) args.push(current);
  return args;
}

function importsIn(args: string[]): string[] {
  const found: string[] = [];
  args.forEach((arg, index) => {
    if (arg === '--import' && args[index + 1] !== undefined) found.push(args[index + 1]!);
    else if (arg.startsWith('--import=')) found.push(arg.slice('--import='.length));
  });
  return found;
}

const TSX_LOADER = /[\\/]tsx[\\/]dist[\\/](?:loader|esm[\\/]index)\.mjs$/;

/**
 * Node runs `--require` preloads and `--loader` hooks in workers, but not `--import` preloads: the bootstrap imports
 * them. tsx's loader registers itself on the main thread only on some Nodes, so for tsx it calls tsx's `register()`
 * APIs (`tsx/esm/api`, and `tsx/cjs/api` unless only `tsx/esm` was imported).
 */
export function preloadsOf(execArgv: string[], nodeOptions: string | undefined, cwd: string): Preload[] {
  const specifiers = [...new Set([...importsIn(splitNodeOptions(nodeOptions ?? '')), ...importsIn(execArgv)])];
  return specifiers.flatMap((specifier): Preload[] => {
    const relative = /^\.\.?[\\/]/.test(specifier) || isAbsolute(specifier);
    const url = relative ? pathToFileURL(resolve(cwd, specifier)).href : specifier;
    if (specifier !== 'tsx' && specifier !== 'tsx/esm' && !TSX_LOADER.test(specifier)) return [{ import: url }];
    const apis = tsxApis(specifier.startsWith('tsx') ? resolve(cwd, 'index.js') : url); // createRequire wants a file in the folder
    if (!apis) return [{ import: url }];
    return /esm(?:[\\/]index\.mjs)?$/.test(specifier) ? apis.slice(0, 1) : apis;
  });
}

/** tsx's ESM and CommonJS registration APIs, resolved through its package exports from `from`. */
function tsxApis(from: string): Preload[] | undefined {
  try {
    const manifestPath = createRequire(from).resolve('tsx/package.json');
    const exports = (
      JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        exports: Record<string, { import: { default: string }; require: { default: string } }>;
      }
    ).exports;
    const file = (entry: string) => resolve(dirname(manifestPath), entry);
    return [
      { register: pathToFileURL(file(exports['./esm/api']!.import.default)).href, by: 'import' },
      { register: file(exports['./cjs/api']!.require.default), by: 'require' },
    ];
  } catch {
    return undefined; // not the tsx we know: import it like any preload
  }
}

/** What to do when the worker could not load a TypeScript module that this thread could. */
export function loaderHint(module: string, cause: unknown): string {
  if ((cause as { code?: unknown } | undefined)?.code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !/\.[cm]?tsx?$/.test(module))
    return '';
  const stripping = (process.features as { typescript?: string | false }).typescript
    ? ''
    : `, or let Node strip types (on by default from Node 22.18)`;
  return (
    `. A worker thread loads modules with Node's own loader and the loaders this process was started with ` +
    `(--import, --require, --loader, also in NODE_OPTIONS), not with a test runner's or bundler's transform: ` +
    `start the process with a TypeScript loader (NODE_OPTIONS='--import tsx')${stripping}. See ` +
    `docs/toolchains.md in asynchro-bridge.`
  );
}
