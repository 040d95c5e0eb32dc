/**
 * reflect-metadata, which holds asynchro's marks. Where the global `Reflect` is frozen (`--frozen-intrinsics`) its
 * no-conflict API is used (docs/limits.md). Required, not imported: Node scans an imported CommonJS file's source for
 * named exports first (bench: `start-up`).
 */
import { createRequire } from 'node:module';
import type {} from 'reflect-metadata'; // the global declarations

type ReflectMetadata = Pick<
  typeof Reflect,
  'defineMetadata' | 'getMetadata' | 'getOwnMetadata' | 'getOwnMetadataKeys' | 'hasOwnMetadata'
>;

// A module's own `require`, never the global one of `node -e` and the REPL, which resolves from the working
// directory. Literal `require` calls, which a bundler inlines; one through a variable would stay dynamic.
const ownRequire = typeof require === 'function' && require !== (globalThis as { require?: unknown }).require;

function load(): ReflectMetadata {
  try {
    if (ownRequire) require('reflect-metadata');
    else createRequire(import.meta.url)('reflect-metadata');
    if (typeof Reflect.getOwnMetadata === 'function') return Reflect;
  } catch {
    // the global Reflect is frozen (--frozen-intrinsics): reflect-metadata cannot install itself there
  }
  return (
    ownRequire
      ? require('reflect-metadata/no-conflict')
      : createRequire(import.meta.url)('reflect-metadata/no-conflict')
  ) as ReflectMetadata;
}

/** reflect-metadata's functions: the global `Reflect` where it holds them, else the no-conflict API. */
export const reflectMetadata: ReflectMetadata = load();
