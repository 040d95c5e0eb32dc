/**
 * How a call can run again on another thread: the target named by module and export, everything else cloneable.
 * This record and `CallSite` spell every field, `undefined` where it does not apply: an absent one would be read
 * through the prototype chain, where a polluted `Object.prototype.instance` must never turn a call into another.
 */
export interface Relocation {
  module: string;
  /** Of the function, or of the class whose method is called. Default `'default'`. */
  exportName: string | undefined;
  /** For a class target: the method call on a twin instance. */
  instance: TwinCall | undefined;
  /** A step of an async iterator the worker keeps. */
  iterator: { id: number; op: IteratorStep } | undefined;
  /** What the twin would run differently from the caller's object (twins.ts), or `'allow'`. */
  divergence: 'allow' | (() => string | undefined) | undefined;
  transfer: boolean | undefined;
}

/** A method call on a twin built with `constructorArgs`, or on its sub-resource at `path` (`['chat', 'completions']`). */
export interface TwinCall {
  constructorArgs: unknown[];
  method: string;
  path: readonly string[] | undefined;
  /** The caller's data fields, given to the twin before the call; `receive` takes the twin's after it. */
  fields: Record<string, unknown> | undefined;
  receive: ((fields: Record<string, unknown>) => void) | undefined;
  /** Where the method takes its request options, for the call's signal (request-options.ts). */
  signalAt: number | undefined;
}

export type IteratorStep = 'next' | 'return' | 'throw';

/** Where a blocking call comes from: names for messages and traces, and how to relocate it. */
export interface CallSite {
  /** `sync`, `awaitSync`, or a generated method's name. */
  verb: string;
  name: string | undefined;
  className: string | undefined;
  /** The target is a coroutine although its function does not show it. */
  coroutine: boolean | undefined;
  /** Set when the call can run in a worker thread; given the call's `this`. */
  relocation: ((thisArg: unknown) => Relocation) | undefined;
}

export type InstanceRelocator = (receiver: object, method: string) => Relocation | undefined;

let instanceRelocator: InstanceRelocator | undefined;

/** Set by the decorators, which know the classes given a `module`. */
export function setInstanceRelocator(relocator: InstanceRelocator): void {
  instanceRelocator = relocator;
}

export function relocateInstanceCall(receiver: object, method: string): Relocation | undefined {
  return instanceRelocator?.(receiver, method);
}

/**
 * Relocatable classes by declared module and export name, on `globalThis` so every copy of asynchro in a thread
 * shares them: in a bundle the class's chunk exports names the bundler chose (rollup and vite shorten them).
 */
const DECLARED = Symbol.for('asynchro-bridge:relocatable-classes');

function declared(): Map<string, unknown> {
  const holder = globalThis as { [DECLARED]?: Map<string, unknown> };
  return (holder[DECLARED] ??= new Map());
}

export function declareRelocatable(module: string, exportName: string, value: unknown): void {
  declared().set(`${exportName}\0${module}`, value);
}

export function declaredRelocatable(module: string, exportName: string): unknown {
  return declared().get(`${exportName}\0${module}`);
}
