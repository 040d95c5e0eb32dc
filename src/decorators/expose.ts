/**
 * `exposeSync` and `exposeAsync` (also spelled `desync`): one export per direction serves as bare decorator,
 * decorator factory and plain function, in both decorator flavours (TC39 standard and legacy
 * `experimentalDecorators`). `desync` keeps its core meaning, `desync(fn, ...args)`, for everything that is not
 * a class decoration.
 */
import '../metadata/standard.js'; // provides Symbol.metadata before any consumer class is defined
import { desync as desyncCall } from '../bridge/desync.js';
import { standardMetadataOf, type StandardMetadata } from '../metadata/standard.js';
import { AsynchroError, DecorationError } from '../errors.js';
import { functionName } from '../strategies/pump.js';
import { isDecoratorContext, isEsClass, isOptionsObject } from './forms.js';
import type {
  Class,
  ClassDecorator,
  ExposeAsyncOptions,
  ExposeSyncOptions,
  WithAsyncMethods,
  WithSyncMethods,
} from './types.js';
import { addVariants } from './variants.js';

/**
 * Gives a class blocking variants of its async methods: `afoo(...)` / `aFoo(...)` gets `fooSync(...)`, which runs
 * `this.afoo(...)` and blocks until it settles (see the naming table in the README).
 *
 * - `@exposeSync` / `@exposeSync(options)` on a class (standard or legacy decorators).
 * - `exposeSync(Base, options?)` returns the new class, typed with the variants.
 *
 * The result is a subclass of the class with its name, statics and constructor parameters.
 */
// `O & ExposeSyncOptions`: `O` keeps the literal names for the types, the intersection types a `rename` function's parameters.
export function exposeSync<C extends Class, const O extends ExposeSyncOptions = {}>(
  Base: C,
  options?: O & ExposeSyncOptions,
): WithSyncMethods<C, O>;
export function exposeSync<C extends Class>(value: C, context: ClassDecoratorContext<C>): C;
export function exposeSync(options?: ExposeSyncOptions): ClassDecorator;
export function exposeSync(...args: unknown[]): unknown {
  return expose('exposeSync', 'sync', args);
}

/**
 * The inverse of `exposeSync`: gives a class async variants of its sync methods: `fooSync(...)` (or `foo(...)`)
 * gets `afoo(...)`, which runs `this.fooSync(...)` through `desync` and returns a promise of its result.
 * Same forms and naming options as `exposeSync`.
 *
 * A separate name from the core `desync(fn, ...args)`: that one takes any arguments, so `desync(Base, options)`
 * could not be told from `desync(fn, someObject)`.
 */
export function exposeAsync<C extends Class, const O extends ExposeAsyncOptions = {}>(
  Base: C,
  options?: O & ExposeAsyncOptions,
): WithAsyncMethods<C, O>;
export function exposeAsync<C extends Class>(value: C, context: ClassDecoratorContext<C>): C;
export function exposeAsync(options?: ExposeAsyncOptions): ClassDecorator;
export function exposeAsync(...args: unknown[]): unknown {
  return expose('exposeAsync', 'async', args);
}

/**
 * `desync` as the class decorator, the same as `exposeAsync`: `@desync`, `@desync(options)`, `desync(Class, options)`.
 * Any other call is the core `desync(fn, ...args)`: run `fn` asynchronously and return a promise of its result.
 *
 * Told apart without guessing: a decoration is a call with an ES class (its source text starts with `class`) alone
 * or with one options object or decorator context; a TC39 decorator context of kind `'class'` with any function (a
 * down-levelled class); a single options object, or no argument (the decorator factory). A plain function, a
 * function used as a constructor, and a class with other arguments are core calls (a class cannot be called: the
 * promise rejects with the TypeError).
 */
export function desync<C extends Class, const O extends ExposeAsyncOptions = {}>(
  Base: C,
  options?: O & ExposeAsyncOptions,
): WithAsyncMethods<C, O>;
export function desync<C extends Class>(value: C, context: ClassDecoratorContext<C>): C;
export function desync(options?: ExposeAsyncOptions): ClassDecorator;
export function desync<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>>;
export function desync(...args: unknown[]): unknown {
  if (isClassDecoration(args)) return expose('desync', 'async', args);
  const [fn, ...rest] = args;
  return desyncCall(fn as (...args: unknown[]) => unknown, ...rest);
}

function isClassDecoration(args: unknown[]): boolean {
  const [first, second] = args;
  if (args.length === 0) return true;
  if (args.length === 1) return isEsClass(first) || isOptionsObject(first);
  if (isLegacyMemberDecoration(args))
    throw new DecorationError('desync decorates classes, not members: put it on the class.');
  if (args.length !== 2 || typeof first !== 'function') return false;
  if (isDecoratorContext(second)) {
    if (second.kind !== 'class')
      throw new DecorationError(`desync decorates classes, not a ${second.kind}: put it on the class.`);
    return true;
  }
  return isEsClass(first) && isOptionsObject(second);
}

/** `(prototype or class, key, descriptor)`, which no valid core call looks like: its target cannot be called. */
function isLegacyMemberDecoration([target, key, descriptor, ...more]: unknown[]): boolean {
  return (
    more.length === 0 &&
    (typeof key === 'string' || typeof key === 'symbol') &&
    isOptionsObject(descriptor) &&
    hasKey(descriptor as object, 'configurable') &&
    ((typeof target === 'object' && target !== null) || isEsClass(target))
  );
}

function hasKey(value: object, key: string): boolean {
  try {
    return key in value;
  } catch {
    return false;
  }
}

function expose(decorator: string, direction: 'sync' | 'async', args: unknown[]): unknown {
  const [first, second] = args;
  if (args.length > 2 || (args.length === 2 && typeof first !== 'function')) {
    throw new DecorationError(
      `${decorator} decorates classes, not members: put it on the class, or call ${decorator}(Class, options).`,
    );
  }
  if (typeof first === 'function') return decorate(decorator, direction, first, undefined, second);
  const options = first;
  return (value: unknown, context?: unknown) => decorate(decorator, direction, value, options, context);
}

/** One decoration. `extra` is a standard decorator's context, or (function form) the options. */
function decorate(
  decorator: string,
  direction: 'sync' | 'async',
  Base: unknown,
  options: unknown,
  extra: unknown,
): Function {
  if (typeof Base !== 'function')
    throw new DecorationError(
      `${decorator} decorates classes: got ${Base === null ? 'null' : typeof Base}. Apply it to a class, or call ` +
        `${decorator}(Class, options).`,
    );
  let metadata: StandardMetadata | undefined;
  if (isDecoratorContext(extra)) {
    if (extra.kind !== 'class')
      throw new DecorationError(`${decorator} decorates classes, not a ${extra.kind}: put it on the class.`);
    metadata = (extra.metadata as StandardMetadata | undefined) ?? undefined;
  } else {
    if (extra !== undefined) {
      if (options !== undefined)
        throw new DecorationError(`${decorator}(options) returns a class decorator: apply it to a class alone.`);
      options = extra;
    }
    metadata = standardMetadataOf(Base); // a class whose methods have standard decorators, given to the function form
  }
  try {
    return addVariants(decorator, direction, Base, options, metadata);
  } catch (error) {
    if (error instanceof AsynchroError) throw error;
    // the class's own code threw while it was read (a getter, a Proxy's trap): say so, with that error as the cause
    throw new DecorationError(
      `${decorator}(${functionName(Base) || '<anonymous class>'}): the class could not be read: ${describeError(error)}.`,
      { cause: error },
    );
  }
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return 'an error that cannot be described';
  }
}
