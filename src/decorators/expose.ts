/**
 * `exposeSync` and `exposeAsync` (also spelled `desync`): each is bare decorator, decorator factory and plain function,
 * for standard and legacy decorators alike.
 */
import '../metadata/standard.js'; // provides Symbol.metadata before any consumer class is defined
import { desync as desyncCall } from '../bridge/desync.js';
import { standardMetadataOf, type StandardMetadata } from '../metadata/standard.js';
import { AsynchroError, DecorationError } from '../errors.js';
import { functionName } from '../strategies/call-label.js';
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
 * Gives a class blocking variants of its async methods: `afoo(...)` gets `fooSync(...)`, which runs `this.afoo(...)`
 * and blocks until it settles (naming: docs/decorators.md). `@exposeSync`, `@exposeSync(options)`, or
 * `exposeSync(Base, options?)`, which returns the new class typed with the variants: a subclass with its name.
 */
// `O` keeps the literal names for the types; the intersection types a `rename` function's parameters.
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
 * The inverse of `exposeSync`: `fooSync(...)` (or `foo(...)`) gets `afoo(...)`, which runs `this.fooSync(...)` through
 * `desync`. Same forms and options as `exposeSync`.
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
 * `@desync`, `@desync(options)` and `desync(Class, options)` are `exposeAsync`; any other call is the core
 * `desync(fn, ...args)`, which runs `fn` asynchronously.
 *
 * A decoration is: an ES class (source text starting with `class`) alone or with one options object or decorator
 * context; any function with a standard context of kind `'class'` (a down-levelled class); one options object; no
 * argument. Everything else is a core call (a class there rejects with the TypeError of calling it).
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

/** `extra`: a standard decorator's context, or (function form) the options. */
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
    metadata = standardMetadataOf(Base); // the function form of a class with standard member decorators
  }
  try {
    return addVariants(decorator, direction, Base, options, metadata);
  } catch (error) {
    if (error instanceof AsynchroError) throw error;
    // the class's own code threw while it was read (a getter, a Proxy's trap)
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
