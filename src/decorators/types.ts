/** Types of the decorators and their variants: the rules of ./naming.ts spelled as types. */
import type { MethodsMode } from '../options.js';
import type { AnyFunction, BlockingResult, SyncOptions } from '../types.js';
import type { EnglishAWord } from './words.js';

/** How to name variants beyond the convention: a map of exceptions, or a function that decides all. */
export type Rename =
  /** `{ asyncName: 'syncName' }` renames, `{ asyncName: false }` skips; names not listed keep the default name. */
  | { readonly [method: string]: string | false }
  /** Returns the variant's name, or `undefined` to skip the method. */
  | ((method: string, defaultName: string) => string | undefined);

/** Options shared by `exposeSync` and `exposeAsync`. */
export interface VariantOptions {
  /** Renames or skips methods. A `@syncName` / `@asyncName` on the method wins over it. */
  rename?: Rename;
  /** Only these methods (e.g. `'agetUser'`) get variants. */
  include?: readonly string[];
  /** These methods get no variant. */
  exclude?: readonly string[];
  /** Also give static methods static variants. Default `false`. */
  statics?: boolean;
}

/** Where a class can be rebuilt in a worker thread. */
export interface RelocatableOptions {
  /**
   * URL or path of the module that exports the class, so a call can run on a twin built in a worker with the same
   * constructor arguments. `true`: the module that decorates the class, found from the call site.
   */
  module?: string | URL | true;
  /** The class's export name in `module`. Default: the class's name. */
  exportName?: string;
  /**
   * Builds the twin's constructor arguments from the instance's, when those cannot be cloned:
   * `twinArgs: (options) => [{ ...options, fetch: undefined }]`. Called once per instance, on the calling thread.
   */
  twinArgs?: (...constructorArgs: any[]) => unknown[];
  /** Allow a `module` that is not a `file:` URL or absolute path (never user input). Default false. */
  allowNonFileModule?: boolean;
}

/** Options of `exposeSync`. */
export interface ExposeSyncOptions extends VariantOptions, SyncOptions, RelocatableOptions {
  /**
   * Which methods get blocking variants. `'async'` (default): coroutine functions. `'all'`: also every other public
   * method (not `_`-prefixed, not `...Sync`), blocking only when the result is awaitable.
   */
  methods?: MethodsMode;
}

/** Options of `exposeAsync`. With `module`, the async variants run on a twin in the worker pool. */
export interface ExposeAsyncOptions extends VariantOptions, RelocatableOptions {}

type LowerLetter =
  | 'a'
  | 'b'
  | 'c'
  | 'd'
  | 'e'
  | 'f'
  | 'g'
  | 'h'
  | 'i'
  | 'j'
  | 'k'
  | 'l'
  | 'm'
  | 'n'
  | 'o'
  | 'p'
  | 'q'
  | 'r'
  | 's'
  | 't'
  | 'u'
  | 'v'
  | 'w'
  | 'x'
  | 'y'
  | 'z';
type UpperLetter = Uppercase<LowerLetter>;

type LeadingWord<S extends string, Word extends string = ''> = S extends `${infer C}${infer Rest}`
  ? C extends LowerLetter
    ? LeadingWord<Rest, `${Word}${C}`>
    : Word
  : Word;

/** The default sync name of async method `K`. */
export type SyncName<K extends string> = K extends `a${infer C}${infer Rest}`
  ? C extends UpperLetter
    ? `${Lowercase<C>}${Rest}Sync`
    : C extends LowerLetter
      ? LeadingWord<K> extends EnglishAWord
        ? `${K}Sync`
        : `${C}${Rest}Sync`
      : `${K}Sync`
  : `${K}Sync`;

/** The default async name of sync method `K`. */
export type AsyncName<K extends string> = K extends `${infer Base}Sync`
  ? Base extends ''
    ? `a${K}`
    : `a${Base}`
  : `a${K}`;

/** Whether method `K` returning `R` gets a blocking variant under options `O`. */
type Candidate<K extends string, R, O> = O extends { include: readonly (infer I)[] }
  ? K extends I
    ? NotExcluded<K, O>
    : false
  : AsyncResult<R> extends true
    ? NotExcluded<K, O>
    : AsyncGeneratorResult<R> extends true
      ? NotExcluded<K, O>
      : O extends { methods: 'all' }
        ? K extends `_${string}` | `${string}Sync`
          ? false
          : NotExcluded<K, O>
        : false;
type NotExcluded<K extends string, O> = O extends { exclude: readonly (infer E)[] }
  ? K extends E
    ? false
    : true
  : true;

/** Whether options `O` let method `K` through `include` and `exclude`. */
type Selected<K extends string, O> = O extends { include: readonly (infer I)[] }
  ? K extends I
    ? NotExcluded<K, O>
    : false
  : NotExcluded<K, O>;

/** The variant name of `K` under options `O`: a rename map entry, else `Default`; `never` when skipped. */
type NameUnder<K extends string, O, Default extends string> = O extends { rename: infer R }
  ? K extends keyof R
    ? R[K] extends string
      ? R[K]
      : never
    : Default
  : Default;

/** A name that is already a member of `T` gets no variant: the author's member is never overwritten. */
type Fresh<Name, T> = Name extends keyof T ? never : Name;

/** Whether `R` is a promise; `never` and `string | Promise<string>` are not. */
type IsPromise<R> = [R] extends [never] ? false : [R] extends [PromiseLike<any>] ? true : false;

/**
 * Whether a method returning `R` can be `async`: TypeScript requires an `async` method to return the global
 * `Promise<T>` itself, so a `Promise` subclass (an SDK's `APIPromise`) is not one.
 */
type AsyncResult<R> = [R] extends [never]
  ? false
  : [R] extends [Promise<infer T>]
    ? [Promise<T>] extends [R]
      ? true
      : false
    : false;

/** Whether a method returning `R` can be `async *`: its inferred return type is `AsyncGenerator` itself. */
type AsyncGeneratorResult<R> = [R] extends [never]
  ? false
  : [R] extends [AsyncGenerator<infer T, infer TReturn, infer TNext>]
    ? [AsyncGenerator<T, TReturn, TNext>] extends [R]
      ? true
      : false
    : false;

type RenamedByFunction<O> = O extends { rename: (...args: any[]) => any } ? true : false;

/**
 * The blocking variants `exposeSync` adds to `T`: `afoo(x: number): Promise<string>` gives `fooSync(x: number): string`.
 * With a `rename` function the names are only known at runtime, and this type is empty: declare them yourself.
 */
export type SyncMethods<T, O = {}> =
  RenamedByFunction<O> extends true
    ? {}
    : {
        [K in keyof T & string as T[K] extends (...args: any[]) => infer R
          ? Candidate<K, R, O> extends true
            ? Fresh<NameUnder<K, O, SyncName<K>>, T>
            : never
          : never]: T[K] extends (...args: infer A) => infer R ? (...args: A) => BlockingResult<R> : never;
      };

/** The async variants `exposeAsync` adds to `T`: `fooSync(x: number): string` gives `afoo(x: number): Promise<string>`. */
export type AsyncMethods<T, O = {}> =
  RenamedByFunction<O> extends true
    ? {}
    : {
        [K in keyof T & string as T[K] extends (...args: any[]) => infer R
          ? IsPromise<R> extends true
            ? never
            : Selected<K, O> extends true
              ? Fresh<NameUnder<K, O, AsyncName<K>>, T>
              : never
          : never]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
      };

export type Class = abstract new (...args: any) => any;

type StaticsOf<O, Variants> = O extends { statics: true } ? Variants : {};

/**
 * The class `exposeSync(Base, options)` returns. A mixin (`new (...args: any[]) => Variants` intersected with the
 * class): it keeps the constructor's parameters, can be extended, and stays assignable to the class itself, which a
 * legacy class decorator's return type must be.
 */
export type WithSyncMethods<C extends Class, O = {}> = (new (
  ...args: any[]
) => SyncMethods<InstanceType<C>, O>) &
  C & { prototype: SyncMethods<InstanceType<C>, O> } & StaticsOf<O, SyncMethods<C, O>>;

/** The class `exposeAsync(Base, options)` returns (a mixin like `WithSyncMethods`). */
export type WithAsyncMethods<C extends Class, O = {}> = (new (
  ...args: any[]
) => AsyncMethods<InstanceType<C>, O>) &
  C & { prototype: AsyncMethods<InstanceType<C>, O> } & StaticsOf<O, AsyncMethods<C, O>>;

/** A class decorator in both flavours: TC39 standard `(value, context)` and legacy `(target)`. */
export interface ClassDecorator {
  <C extends Class>(value: C, context: ClassDecoratorContext<C>): C;
  <C extends Class>(target: C): C;
}

/** A method decorator in both flavours: TC39 standard `(value, context)` and legacy `(target, key, descriptor)`. */
export interface MethodDecorator {
  <F extends AnyFunction>(value: F, context: ClassMethodDecoratorContext<any, F>): F;
  <D extends TypedPropertyDescriptor<any>>(target: object, key: string | symbol, descriptor: D): D;
}
