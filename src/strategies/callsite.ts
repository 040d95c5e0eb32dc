/**
 * The file that called into asynchro: for `module: true`, the module that defines a decorated class, so one source
 * builds to CommonJS and ES modules alike (`import.meta.url` and `__filename` each exist in only one).
 */
import { fileURLToPath } from 'node:url';

/** asynchro's own files: src/ or dist/, or in a bundle this module's folder. */
const ownDir = fileURLToPath(
  new URL(/\/strategies\/callsite\.[jt]s$/.test(import.meta.url) ? '../' : './', import.meta.url),
);
/** Decorator helpers that call the decorator on the consumer's behalf: tslib, `Reflect.decorate`, SWC's, Babel's. */
const helperFile = /[\\/]node_modules[\\/](tslib|reflect-metadata|@swc[\\/]helpers|@babel[\\/]runtime)[\\/]/;

/** An absolute path or a file URL, or undefined when no frame shows one. */
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
