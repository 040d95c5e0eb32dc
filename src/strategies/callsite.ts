/**
 * The file that called into asynchro (the first stack frame outside asynchro and TypeScript's helper library): for
 * `module: true`, the module that defines a decorated class, so one source serves a CommonJS and an ES module build
 * without `import.meta.url` (which does not compile to CommonJS) or `__filename` (which does not exist in ESM); for
 * `registerErrorClasses`, the package whose calls the classes are for.
 */
import { fileURLToPath } from 'node:url';

/**
 * asynchro's own files, whose frames are the decorator's, not the caller's: src/ or dist/, or, in a bundle (asynchro's
 * own dist/index.cjs, or an application's), this module's folder.
 */
const ownDir = fileURLToPath(
  new URL(/\/strategies\/callsite\.[jt]s$/.test(import.meta.url) ? '../' : './', import.meta.url),
);
/**
 * Decorator helpers that call the decorator on the consumer's behalf: tslib's `__decorate` / `__esDecorate`
 * (`importHelpers`), reflect-metadata's `Reflect.decorate` (which TypeScript's legacy `__decorate` prefers), and the
 * helpers of SWC and Babel.
 */
const helperFile = /[\\/]node_modules[\\/](tslib|reflect-metadata|@swc[\\/]helpers|@babel[\\/]runtime)[\\/]/;

/** The file that called asynchro (an absolute path or a file URL), or undefined when no frame shows one. */
export function callerModule(): string | undefined {
  const original = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  let sites: NodeJS.CallSite[] = [];
  try {
    Error.stackTraceLimit = 30;
    Error.prepareStackTrace = (_, callSites) => callSites;
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, callerModule);
    sites = holder.stack ?? [];
  } finally {
    Error.prepareStackTrace = original;
    Error.stackTraceLimit = limit;
  }
  for (const site of sites) {
    const file = site.getFileName();
    if (!file || file.startsWith('node:')) continue;
    const path = file.startsWith('file:') ? fileURLToPath(file) : file;
    if (path.startsWith(ownDir) || helperFile.test(path)) continue;
    return file;
  }
  return undefined;
}
