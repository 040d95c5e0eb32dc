/**
 * How a worker target's module may be named, and the URL the worker imports for it: `file:` modules only, unless
 * asked otherwise.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeValue } from '../../../options.js';

/** A module given as a URL (`import.meta.url`, `new URL(...)`) or an absolute file path. */
export type ModuleReference = string | URL;

/** Whether `location` starts with a URL scheme (`file:`, `data:`, `node:`...). A Windows drive letter is one letter. */
export const hasScheme = (location: string): boolean => /^[a-z][a-z\d+.-]+:/i.test(location);

/** How a module reference may be given. */
export interface ModuleOptions {
  /**
   * Allow a module that is not a `file:` URL or absolute path (`node:`, `data:`, `http:`, a loader's scheme).
   * Default false: the worker imports and runs what it is given, so a module reference must never come from user input.
   */
  allowNonFileModule?: boolean;
}

/**
 * The URL the worker imports for `module`: only `file:` modules unless `allowNonFile`, since the worker runs what it
 * is given (a `data:` or `http:` URL would be code execution in the wrong hands).
 */
export function moduleUrl(module: ModuleReference, allowNonFile = false): string {
  let url: string | undefined;
  if (module instanceof URL) url = module.href;
  else if (typeof module === 'string' && isAbsolute(module)) url = pathToFileURL(module).href;
  else if (typeof module === 'string' && hasScheme(module)) url = module;
  if (url === undefined) {
    throw new TypeError(
      `asynchro-bridge: a worker target's module must be a URL (import.meta.url, new URL(...)) or an absolute path; got ` +
        `${typeof module === 'string' ? JSON.stringify(module) : describeValue(module)}. A relative path or package name would resolve from asynchro's own folder.`,
    );
  }
  if (module instanceof URL && !hasScheme(url)) {
    // Turbopack (Next.js) makes `new URL('./file', import.meta.url)` a URL whose href is a public asset path.
    throw new TypeError(
      `asynchro-bridge: a worker target's module must be a file: URL or an absolute path; got a URL whose href is ` +
        `${JSON.stringify(url)}: a bundler rewrote new URL(..., import.meta.url) into a public asset path (Next.js ` +
        `does in server actions). Keep the module in a package that the bundler leaves alone (Next.js: ` +
        `serverExternalPackages in next.config), or name it by absolute path (see docs/bundlers.md in asynchro-bridge).`,
    );
  }
  if (!allowNonFile && !/^file:/i.test(url)) {
    throw new TypeError(
      `asynchro-bridge: a worker target's module must be a file: URL or an absolute path; got ${JSON.stringify(url.length > 80 ? `${url.slice(0, 80)}...` : url)}. ` +
        `The worker imports and runs the module it is given, so a module reference must never come from user input. ` +
        `To load a non-file module on purpose (node:, data:, a loader's own scheme), pass allowNonFileModule: true.`,
    );
  }
  return url;
}
