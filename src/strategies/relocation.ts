/**
 * How a call can be run again on another thread. No closure crosses threads: the target is named by the module
 * that exports it and the export's name, and everything else must be structured-cloneable.
 *
 * This record and `CallSite` name every field, `undefined` where it does not apply, rather than leave it out: an absent
 * field would be read through the prototype chain, and a polluted `Object.prototype.instance` (or `.relocation`) must
 * never turn a call into another one. The types require each field, so every literal spells them all.
 */
export interface Relocation {
  /** URL (`import.meta.url`) or absolute path of the module that exports the target. */
  module: string;
  /** Export name of the function, or of the class whose method is called. Default `'default'`. */
  exportName: string | undefined;
  /**
   * For a class target: the worker builds a twin instance with these constructor arguments and calls `method` on it,
   * or on the object reached from it by `path` (a sub-resource: `['chat', 'completions']`).
   */
  instance: TwinCall | undefined;
  /** A step of an async iterator the worker keeps (a call returned it): `next`, `return` or `throw` on it. */
  iterator: { id: number; op: IteratorStep } | undefined;
  /**
   * What the twin would run differently from the caller's object, if anything this thread can see (twins.ts); or
   * `'allow'`, where the class opted in to its twin whatever differs.
   */
  divergence: 'allow' | (() => string | undefined) | undefined;
  /** An offloaded call's `transfer` option: the ArrayBuffers under its arguments and result move, not copied. */
  transfer: boolean | undefined;
}

/** A method call on a twin instance (see `Relocation.instance`), every field named as in `Relocation`. */
export interface TwinCall {
  constructorArgs: unknown[];
  method: string;
  path: readonly string[] | undefined;
  /** The caller instance's own data fields, given to the twin before the call (see `dataFields`). */
  fields: Record<string, unknown> | undefined;
  /** Takes the twin's data fields after the call, on the calling thread. */
  receive: ((fields: Record<string, unknown>) => void) | undefined;
  /** Where the method takes its request options: the call's signal goes there in the worker (request-options.ts). */
  signalAt: number | undefined;
}

export type IteratorStep = 'next' | 'return' | 'throw';

/** Where a blocking call comes from: names for messages and instrumentation, and how to relocate it. */
export interface CallSite {
  /** The public verb, for messages: `sync`, `awaitSync`, or a generated method's name. */
  verb: string;
  /** The function or method name, when it is not the function's own `name`. */
  name: string | undefined;
  /** The class, for generated methods. */
  className: string | undefined;
  /** The target is a coroutine although its function does not show it (a decorator's `include`, a design type). */
  coroutine: boolean | undefined;
  /** Set when the call can run in a worker thread; given the call's receiver (a method's `this`). */
  relocation: ((thisArg: unknown) => Relocation) | undefined;
}

/** How `receiver.method(...)` can run on a twin in a worker, or `undefined` when `receiver` cannot move. */
export type InstanceRelocator = (receiver: object, method: string) => Relocation | undefined;

let instanceRelocator: InstanceRelocator | undefined;

/** Set by the decorators, which know the classes given a `module` (a view of their instances may use the worker). */
export function setInstanceRelocator(relocator: InstanceRelocator): void {
  instanceRelocator = relocator;
}

/** The relocation of `receiver.method(...)` if `receiver` is an instance of a relocatable class, else `undefined`. */
export function relocateInstanceCall(receiver: object, method: string): Relocation | undefined {
  return instanceRelocator?.(receiver, method);
}

/**
 * Relocatable classes by the module and export name they were declared with (`module`, `exportName`), kept on
 * `globalThis` so that every copy of asynchro in a thread shares them: the worker's runner is one copy, a bundle that
 * holds the class another. In an application's bundle the class's module is a chunk whose export names the bundler
 * chose (rollup and vite shorten them), so the worker, once it has imported that chunk, finds the class here.
 */
const DECLARED = Symbol.for('asynchro-bridge:relocatable-classes');

function declared(): Map<string, unknown> {
  const holder = globalThis as { [DECLARED]?: Map<string, unknown> };
  return (holder[DECLARED] ??= new Map());
}

export function declareRelocatable(module: string, exportName: string, value: unknown): void {
  declared().set(`${exportName}\0${module}`, value);
}

/** The class declared with this module and export name, once that module has run in this thread. */
export function declaredRelocatable(module: string, exportName: string): unknown {
  return declared().get(`${exportName}\0${module}`);
}
