/**
 * Whether asynchro runs inside an application's bundle, which bundler made it, and what to change when the bundle
 * lost something asynchro loads at run time. The bundler is told only while an error is written: detection may read
 * the bundle.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The URL of the file holding this code: asynchro's dist/, tsc's output, src/, or an application's bundle. */
export const ownFile: string = import.meta.url;

/** webpack evaluates `typeof __webpack_require__` to 'function' at build time; elsewhere the name is undefined. */
declare const __webpack_require__: unknown;

export type Bundler = 'webpack' | 'Next.js' | 'esbuild' | 'rollup' | 'vite';

/**
 * asynchro's own files, not bundled by an application: src/, tsc's output, or the package's dist/index.cjs, known by
 * the runner file beside it or by its installed path (a deployment that copies only the files a trace found, as
 * Next.js's standalone output does, leaves the runner file out).
 */
export function isOwnBuild(): boolean {
  if (/\/strategies\/bundler\.[jt]s$/.test(ownFile)) return true;
  if (ownFile.endsWith('/node_modules/asynchro-bridge/dist/index.cjs')) return true;
  return ownFile.endsWith('/index.cjs') && existsSync(fileURLToPath(new URL('./asynchro-runner.js', ownFile)));
}

/** The application bundle (or chunk) holding asynchro's code, as a path; undefined where asynchro runs its own. */
export function bundleFile(): string | undefined {
  if (isOwnBuild()) return undefined;
  return ownFile.startsWith('file:') ? fileURLToPath(ownFile) : ownFile;
}

export function bundleOf(): { file: string; bundler: Bundler | undefined } | undefined {
  const file = bundleFile();
  return file === undefined ? undefined : { file, bundler: bundlerOf(file) };
}

function bundlerOf(file: string): Bundler | undefined {
  if (typeof __webpack_require__ === 'function') return process.env.NEXT_RUNTIME ? 'Next.js' : 'webpack';
  if (process.env.NEXT_RUNTIME) return 'Next.js';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // Each bundler's wrapper around a CommonJS module, as regular expressions whose own text does not match them
  // (this file is in the bundle too).
  if (/__commonJSMin\(/.test(text)) return 'vite'; // rolldown, vite's bundler
  if (/getDefaultExportFromCjs\(/.test(text)) return 'rollup'; // @rollup/plugin-commonjs
  if (/index\.cjs"\(/.test(text)) return 'esbuild'; // esbuild keys its __commonJS wrapper by the path
  return undefined;
}

const DOCS = 'see docs/bundlers.md in asynchro-bridge';

/** A relocatable class's module was inlined into the application's entry file, which the worker would run. */
export function entryModuleAdvice(className: string): string {
  const bundle = bundleOf();
  const setting: Record<Bundler, string> = {
    esbuild: `make that module an entry point of its own (entryPoints) and set splitting: true with format: 'esm'`,
    rollup: `add that module to input, with ESM output`,
    vite: `add that module to build.rollupOptions.input, with ESM output`,
    webpack: `keep that module's package out of the bundle (externals)`,
    'Next.js': `list that module's package in serverExternalPackages (next.config)`,
  };
  const by = bundle?.bundler ? `${bundle.bundler} ` : '';
  return (
    `The module that declares ${className} was bundled into the application's entry file${bundle ? ` (${basename(bundle.file)})` : ''}, ` +
    `and importing that file in the worker would run the application again. In the ${by}build, ` +
    `${bundle?.bundler ? setting[bundle.bundler] : 'make that module an entry point of its own, with code splitting'} (${DOCS}).`
  );
}

export function missingModuleAdvice(): string {
  const bundle = bundleOf();
  if (!bundle) return '';
  switch (bundle.bundler) {
    case 'webpack':
      return (
        ` webpack wrote the module's source path into the bundle at build time (import.meta.url), so the worker ` +
        `imports the source file: keep the module's package out of the bundle (externals) and deploy it with ` +
        `node_modules (${DOCS}).`
      );
    case 'Next.js':
      return ` Next.js bundled the module: list its package in serverExternalPackages in next.config (${DOCS}).`;
    default: {
      const setting: Record<'esbuild' | 'rollup' | 'vite', string> = {
        esbuild: 'entryPoints, with splitting',
        rollup: 'input',
        vite: 'build.rollupOptions.input',
      };
      const entry = bundle.bundler ? `: add it to ${setting[bundle.bundler]} in the ${bundle.bundler} build` : '';
      return ` In a bundle, each relocatable module must be a file of its own, an entry point of the build${entry} (${DOCS}).`;
    }
  }
}

/** Next.js's standalone output holds only the files its trace sees; asynchro finds its engine by a run-time path. */
const NEXT_TRACE = `add './node_modules/asynchro-bridge/prebuilds/**' to outputFileTracingIncludes in next.config`;

/**
 * The pump's engine (prebuilds/) not found: a bundler does not copy it, nor a deployment that copies only the files a
 * trace found. A clause (no capital, no period).
 */
export function missingEngineAdvice(): string {
  const bundle = bundleOf();
  if (!bundle) {
    return (
      `it is missing from the installed package: reinstall asynchro-bridge, or, where a tool deployed only the ` +
      `files it traced, include the package's prebuilds folder (for Next.js's standalone output, ${NEXT_TRACE}) ` +
      `(${DOCS})`
    );
  }
  const copy =
    `copy the folder prebuilds of node_modules/asynchro-bridge into the bundle's folder ` +
    `(${join(dirname(bundle.file), 'prebuilds')}), or deploy the production dependencies with the bundle ` +
    `(npm ci --omit=dev)`;
  const advice: Partial<Record<Bundler, string>> = {
    webpack: `${copy}, or keep asynchro-bridge out of the bundle (externals)`,
    'Next.js': `for Next.js's standalone output, ${NEXT_TRACE}; otherwise deploy the production dependencies with it`,
  };
  return (
    `asynchro runs from a bundle (${bundle.file}${bundle.bundler ? `, made by ${bundle.bundler}` : ''}), which ` +
    `does not hold the engine: ${(bundle.bundler && advice[bundle.bundler]) ?? copy} (${DOCS})`
  );
}
