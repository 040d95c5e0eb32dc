/**
 * reflect-metadata, which asynchro reads and writes its marks through (`reflectMetadata`). It installs its global API
 * (`Reflect.defineMetadata`, `Reflect.getMetadata`, and `Reflect.metadata`, which the decorator metadata TypeScript
 * emits looks for when a class is defined). Where the global `Reflect` cannot take it (`--frozen-intrinsics`), asynchro
 * works through reflect-metadata's no-conflict API instead, on its own registry: its marks work, TypeScript's emitted
 * design types are not recorded (docs/limits.md). Required, never imported: an `import` of that 64 kB CommonJS file
 * from an ES module makes Node scan its source for named exports first, which cost a process about 150 M instructions
 * (10-20 ms) at start-up; `require` does not scan. A bundler sees the plain `require` calls and inlines the package.
 */
import { createRequire } from 'node:module';
import type {} from 'reflect-metadata'; // the global declarations

type ReflectMetadata = Pick<
  typeof Reflect,
  'defineMetadata' | 'getMetadata' | 'getOwnMetadata' | 'getOwnMetadataKeys' | 'hasOwnMetadata'
>;

// A module's own `require` (a CommonJS build or bundle), never the global one `node -e` and the REPL define: that
// one resolves from the working directory, not from asynchro's folder. Literal `require` calls, which a bundler
// inlines (a `require` through a variable would stay a dynamic require that an ES module bundle cannot run).
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
