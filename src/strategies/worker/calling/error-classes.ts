/** Which class an error from the worker comes back as, on the calling thread: by where it is defined, never by name. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as errors from '../../../errors.js';
import { bundleFile } from '../../bundler.js';
import { callerModule } from '../../callsite.js';
import { ownRequire } from '../../lazy-builtins.js';
import { describe } from '../wire/clone.js';
import type { EncodedError } from '../wire/codec.js';
import type { ErrorOrigin } from '../wire/protocol.js';

/** asynchro's own error classes, by the `name` errors.ts writes out (a minified bundle renames the classes). */
const ownErrors = new Map<string, Function & { code: string }>(Object.entries(errors));

/** The class of asynchro's own that `error` was, known by its name and its code (only asynchro's carry both). */
export function asynchroErrorClass({ name, props }: EncodedError): Function | undefined {
  const own = ownErrors.get(name);
  return own && props.code === own.code ? own : undefined;
}

// ---- Registered classes, by package ----

/** Error classes registered by each package (its folder: the nearest one holding a package.json), by class name. */
const registered = new Map<string, Map<string, Function>>();

/** The folder of the package that holds `file` (a path or file: URL), found once per folder. */
const packageOfDir = new Map<string, string>();
function packageOf(file: string): string {
  const start = dirname(file.startsWith('file:') ? fileURLToPath(file) : file);
  let known = packageOfDir.get(start);
  if (known !== undefined) return known;
  known = start;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      known = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  packageOfDir.set(start, known);
  return known;
}

/**
 * Registers error classes of the calling package (the nearest package.json above the file that calls this): an
 * error of one of these class names thrown in the worker, by a call whose target module belongs to the same package,
 * comes back as an instance of it (`instanceof` holds), with its message, props, cause and stack. Another package's
 * calls never get them, whatever their class names. Error classes a relocatable class's module exports (or
 * re-exports, or holds as statics of an exported class) need no registering. Returns a function that removes them.
 */
export function registerErrorClasses(...classes: (abstract new (...args: any[]) => Error)[]): () => void {
  for (const errorClass of classes) {
    if (typeof errorClass !== 'function' || !(errorClass.prototype instanceof Error)) {
      throw new TypeError(
        `asynchro-bridge: registerErrorClasses: each argument must be an Error subclass; got ${describe(errorClass)}.`,
      );
    }
  }
  // Bundled into an application, asynchro's frames cannot be told from the caller's (the same file, or files of one
  // output folder): the caller is then the bundle, whose package is that of the chunks holding the call's targets.
  const caller = callerModule() ?? bundleFile();
  const scope = caller === undefined ? process.cwd() : packageOf(caller);
  let byName = registered.get(scope);
  if (!byName) registered.set(scope, (byName = new Map()));
  for (const errorClass of classes) byName.set(errorClass.name, errorClass);
  return () => {
    for (const errorClass of classes) if (byName.get(errorClass.name) === errorClass) byName.delete(errorClass.name);
  };
}

// ---- Classes at their origin ----

/** Modules that define relocatable classes (so they are loaded on this thread), with the classes decorated there. */
const classModules = new Map<string, Map<string, Function>>();
const namespaces = new Map<string, Record<string, unknown> | null>();

/**
 * Lets errors from calls on `module`'s classes come back as the classes the worker finds there (a decorated class's
 * module): `exported` is the decorated class under its export name, this thread's own copy of it.
 */
export function errorClassesFrom(module: string, exportName: string, exported: Function): void {
  let classes = classModules.get(module);
  if (!classes) classModules.set(module, (classes = new Map()));
  classes.set(exportName, exported);
}

/** vitest's worker state, where its module runner keeps the copies of the project's files it evaluated. */
type RunnerState = {
  evaluatedModules?: { getModulesByFile?(file: string): Iterable<{ exports?: Record<string, unknown> }> | undefined };
};

/**
 * The exports of the copy of `module` that decorated `decorated` (another copy's classes fail `instanceof`): a test
 * runner's (vitest lists them), else Node's, by `require` (loaded: runs nothing). `null`: none, or not yet.
 */
function namespaceOf(module: string, decorated: Map<string, Function>): Record<string, unknown> | null {
  if (!module.startsWith('file:')) return null;
  let namespace = namespaces.get(module);
  if (namespace !== undefined) return namespace;
  const file = fileURLToPath(module);
  const before = [...decorated]; // a require that evaluates another copy decorates that copy's classes
  const ours = (exports: Record<string, unknown> | undefined) =>
    exports !== undefined && before.every(([name, exported]) => exports[name] === exported);
  const state = (globalThis as { __vitest_worker__?: RunnerState }).__vitest_worker__;
  const copies = [...(state?.evaluatedModules?.getModulesByFile?.(file) ?? [])].map((copy) => copy.exports);
  namespace = copies.find(ours);
  if (namespace === undefined) {
    try {
      namespace = ownRequire()(file) as Record<string, unknown>;
    } catch {
      return null; // not cached: a later call may find it loaded
    }
    for (const [name, exported] of before) decorated.set(name, exported);
    if (!ours(namespace)) namespace = null;
  }
  namespaces.set(module, namespace);
  return namespace;
}

/** The class at `origin` here; a decorated class's static (`Client.APIError`) is read off this thread's class. */
function classAt({ module, path }: ErrorOrigin): Function | undefined {
  const classes = classModules.get(module);
  if (!classes) return undefined; // not a decorated class's module: it may not be loaded on this thread
  const [first, ...rest] = path;
  let value: unknown = classes.get(first!) ?? namespaceOf(module, classes)?.[first!];
  for (const key of rest)
    value = typeof value === 'function' ? (value as unknown as Record<string, unknown>)[key] : undefined;
  return typeof value === 'function' && (value as Function).prototype instanceof Error
    ? (value as Function)
    : undefined;
}

/** Stand-ins for thrown classes that are not exported, each a subclass of the nearest exported ancestor found. */
const subclasses = new WeakMap<Function, Map<string, Function>>();
function subclassOf(base: Function, className: string): Function {
  let byName = subclasses.get(base);
  if (!byName) subclasses.set(base, (byName = new Map()));
  let subclass = byName.get(className);
  if (!subclass) {
    subclass = Object.defineProperty(class extends (base as new () => Error) {}, 'name', { value: className });
    byName.set(className, subclass);
  }
  return subclass;
}

/** The class `error` comes back as, for a call whose target is in `module`; `undefined` for the codec's stand-in. */
export function errorClassFor(error: EncodedError, module: string): Function | undefined {
  const own = asynchroErrorClass(error);
  if (own) return own;
  const found = error.origin && classAt(error.origin);
  if (found) return error.origin!.exact ? found : subclassOf(found, error.className);
  if (!module.startsWith('file:') && !module.startsWith('/')) return undefined;
  return registered.get(packageOf(module))?.get(error.className);
}
