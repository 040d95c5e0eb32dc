/**
 * Installs reflect-metadata's global API (`Reflect.defineMetadata`, `Reflect.getMetadata`, and `Reflect.metadata`,
 * which the decorator metadata TypeScript emits looks for when a class is defined). Import this module, never
 * 'reflect-metadata' itself: an `import` of that 64 kB CommonJS file from an ES module makes Node scan its source
 * for named exports first, which cost a process about 150 M instructions (10-20 ms) at start-up; `require` does
 * not scan. A bundler sees the plain `require` call and inlines the package.
 */
import { createRequire } from 'node:module';
import type {} from 'reflect-metadata'; // the global declarations

// A module's own `require` (a CommonJS build or bundle), never the global one `node -e` and the REPL define: that
// one resolves from the working directory, not from asynchro's folder.
if (typeof require === 'function' && require !== (globalThis as { require?: unknown }).require)
  require('reflect-metadata');
else createRequire(import.meta.url)('reflect-metadata');
