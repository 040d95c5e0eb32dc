/**
 * Which class an error from the worker comes back as: one registered by name (`registerErrorClasses`), or one
 * exported by the module of a decorated class (read on the calling thread, where it is loaded already); otherwise
 * the codec's stand-in of that class name (protocol.ts).
 */
import { fileURLToPath } from 'node:url';
import { ownRequire } from '../lazy-builtins.js';
import * as errors from '../../errors.js';
import { describe } from './clone.js';
import type { EncodedError } from './codec.js';

/** asynchro's own error classes by name: one thrown in a worker (a call made there failed) comes back as itself. */
const ownErrors = new Map<string, Function & { code: string }>(
  Object.values(errors).map((errorClass): [string, Function & { code: string }] => [errorClass.name, errorClass]),
);

/** The class of asynchro's own that `error` was, known by its name and its code (only asynchro's carry both). */
export function asynchroErrorClass({ className, props }: EncodedError): Function | undefined {
  const own = ownErrors.get(className);
  return own && props.code === own.code ? own : undefined;
}

/** Error classes registered by name: an error of that class name from the worker comes back as one. */
const registeredErrors = new Map<string, Function>();
/** Modules that define relocatable classes (so they are loaded on the calling thread), and their exports once read. */
const classModules = new Set<string>();
const namespaces = new Map<string, Record<string, unknown> | null>();

/**
 * Registers error classes: an error thrown in the worker whose class has one of these names comes back as an
 * instance of it (`instanceof` holds), with its message, props, cause and stack. An error class exported by a
 * relocatable class's own module needs no registering. Returns a function that removes them.
 */
export function registerErrorClasses(...classes: (abstract new (...args: any[]) => Error)[]): () => void {
  for (const errorClass of classes) {
    if (typeof errorClass !== 'function' || !(errorClass.prototype instanceof Error)) {
      throw new TypeError(
        `asynchro-bridge: registerErrorClasses: each argument must be an Error subclass; got ${describe(errorClass)}.`,
      );
    }
    registeredErrors.set(errorClass.name, errorClass);
  }
  return () => {
    for (const errorClass of classes)
      if (registeredErrors.get(errorClass.name) === errorClass) registeredErrors.delete(errorClass.name);
  };
}

/** Lets errors from calls on `module`'s classes come back as the error classes it exports (a decorated class's module). */
export function errorClassesFrom(module: string): void {
  classModules.add(module);
}

/**
 * The exports of a module that defines a decorated class, read on the calling thread with `require` (which returns
 * an ES module's namespace too, Node 20.19+): it is loaded already, so this runs nothing. `null` when it cannot be
 * read now (an ES module still evaluating, or one with top-level await): its errors then come back as stand-ins.
 */
function namespaceOf(module: string): Record<string, unknown> | null {
  if (!classModules.has(module) || !module.startsWith('file:')) return null;
  let namespace = namespaces.get(module);
  if (namespace !== undefined) return namespace;
  try {
    namespace = ownRequire()(fileURLToPath(module)) as Record<string, unknown>;
    namespaces.set(module, namespace);
  } catch {
    namespace = null; // not cached: a later call may find it loaded
  }
  return namespace;
}

export function errorClassFor(error: EncodedError, module: string): Function | undefined {
  const own = asynchroErrorClass(error);
  if (own) return own;
  const { className } = error;
  const registered = registeredErrors.get(className);
  if (registered) return registered;
  const namespace = namespaceOf(module);
  const exported = namespace && Object.hasOwn(namespace, className) ? namespace[className] : undefined;
  return typeof exported === 'function' && (exported as Function).prototype instanceof Error
    ? (exported as Function)
    : undefined;
}
