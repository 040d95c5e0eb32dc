/**
 * Types of the generated variants. They spell the rules of ./naming.ts at the type level, so that the names a
 * class gets at runtime are the names its type shows (a test compares both for the same classes). Longer than most
 * files (~250 lines) for a reason: every public decorator type, its options and its documentation, built from the
 * same private helper types, read together.
 */
import type { MethodsMode } from '../options.js';
import type { AnyFunction, BlockingResult, SyncOptions } from '../types.js';
import type { EnglishAWord } from './words.js';

/** How to name variants, beyond the default convention: a map of exceptions, or a function that decides all. */
export type Rename =
  /** `{ asyncName: 'syncName' }` renames, `{ asyncName: false }` skips; names not listed keep the default name. */
  | { readonly [method: string]: string | false }
  /** Returns the variant's name, or `undefined` to skip the method; gets the default name to fall back on. */
  | ((method: string, defaultName: string) => string | undefined);

/** Options shared by `exposeSync` and `exposeAsync`. */
export interface VariantOptions {
  /** Renames or skips methods; see `Rename`. A `@syncName` / `@asyncName` on the method wins over it. */
  rename?: Rename;
  /** Only these methods (their own names, e.g. `'agetUser'`) get variants. */
  include?: readonly string[];
  /** These methods (their own names) get no variant. */
  exclude?: readonly string[];
  /** Also give static methods static variants. Default `false`. */
  statics?: boolean;
}

/** Where a class can be rebuilt in a worker thread: the module that exports it, and the export's name. */
export interface RelocatableOptions {
  /**
   * URL (`import.meta.url`) or absolute path of the module that exports the class. Set it to let a call run in
   * another thread, on a twin instance built there with the same (structured-cloned) constructor arguments.
   * `true`: the module that decorates the class, found from the call site (one source for a CommonJS and an ES
   * module build, where `import.meta.url` would not compile to CommonJS).
   */
  module?: string | URL | true;
  /** The class's export name in `module`. Default: the class's name. */
  exportName?: string;
  /**
   * Builds the twin's constructor arguments from the instance's, when those cannot be cloned (a custom `fetch`, an
   * HTTP agent): `twinArgs: (options) => [{ ...options, fetch: undefined }]`. Called once per instance, on the
   * calling thread, when its first call moves to the worker.
   */
  twinArgs?: (...constructorArgs: any[]) => unknown[];
  /** Allow a `module` that is not a `file:` URL or absolute path (never one that comes from user input). Default false. */
  allowNonFileModule?: boolean;
}

/** Options of `exposeSync`: how to name the blocking variants, how they block, and where they can relocate. */
export interface ExposeSyncOptions extends VariantOptions, SyncOptions, RelocatableOptions {
  /**
   * Which methods get blocking variants. `'async'` (default): coroutine functions (`async`, `@coroutine`, ...).
   * `'all'`: also every other public method (not `_`-prefixed, not named `...Sync`), for SDKs whose methods return
   * promises without being `async`; such a variant blocks only when the result is awaitable. `include` names
   * methods one by one instead (each is trusted as a coroutine).
   */
  methods?: MethodsMode;
}

/**
 * Options of `exposeAsync`. With `module`, the async variants run the sync methods on a twin instance in the
 * worker pool (for CPU-heavy work): the calling thread's event loop stays free.
 */
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

/** The longest run of lowercase ASCII letters at the start of `S`. */
type LeadingWord<S extends string, Word extends string = ''> = S extends `${infer C}${infer Rest}`
  ? C extends LowerLetter
    ? LeadingWord<Rest, `${Word}${C}`>
    : Word
  : Word;

/** The default sync name of async method `K` (rules in ./naming.ts). */
export type SyncName<K extends string> = K extends `a${infer C}${infer Rest}`
  ? C extends UpperLetter
    ? `${Lowercase<C>}${Rest}Sync`
    : C extends LowerLetter
      ? LeadingWord<K> extends EnglishAWord
        ? `${K}Sync`
        : `${C}${Rest}Sync`
      : `${K}Sync`
  : `${K}Sync`;

/** The default async name of sync method `K` (rules in ./naming.ts). */
export type AsyncName<K extends string> = K extends `${infer Base}Sync`
  ? Base extends ''
    ? `a${K}`
    : `a${Base}`
  : `a${K}`;

/**
 * Whether method `K` returning `R` gets a blocking variant under options `O`: `include` names it (trusted whatever
 * it returns), or (no `include`) it can be `async` (see `AsyncResult`), or `methods: 'all'` covers it.
 */
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

/** Whether options `O` let method `K` through `include` and `exclude` (for `exposeAsync`). */
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

/** Whether a method returning `R` is async; `never` (always throws) is not, `string | Promise<string>` is not. */
type IsPromise<R> = [R] extends [never] ? false : [R] extends [PromiseLike<any>] ? true : false;

/**
 * Whether a method returning `R` can be an `async` method: an `async` method's declared return type is the global
 * `Promise<T>` itself (TypeScript requires it), so a `Promise` subclass (an SDK's `APIPromise`) or another thenable
 * is certainly not one, and gets a variant only by `include` or `methods: 'all'`.
 */
type AsyncResult<R> = [R] extends [never]
  ? false
  : [R] extends [Promise<infer T>]
    ? [Promise<T>] extends [R]
      ? true
      : false
    : false;

/** Whether a method returning `R` can be an `async *` method: its inferred return type is `AsyncGenerator` itself. */
type AsyncGeneratorResult<R> = [R] extends [never]
  ? false
  : [R] extends [AsyncGenerator<infer T, infer TReturn, infer TNext>]
    ? [AsyncGenerator<T, TReturn, TNext>] extends [R]
      ? true
      : false
    : false;

/** A `rename` function decides names at runtime only, so the types cannot know them. */
type RenamedByFunction<O> = O extends { rename: (...args: any[]) => any } ? true : false;

/**
 * The blocking variants `exposeSync` adds to `T`: `afoo(x: number): Promise<string>` gives `fooSync(x: number): string`.
 * `O` mirrors the options (`rename` as a map, `include`, `exclude`, `methods`). With a `rename` function the names are only
 * known at runtime, and this type is empty: declare them yourself.
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

/** Any class. */
export type Class = abstract new (...args: any) => any;

/** Static variants, when the options ask for them. */
type StaticsOf<O, Variants> = O extends { statics: true } ? Variants : {};

/**
 * The class `exposeSync(Base, options)` returns: `Base`, whose instances (and statics, with `statics: true`) have
 * the blocking variants. Written as a TypeScript mixin (`new (...args: any[]) => Variants` intersected with the
 * class): `new` keeps the class's own constructor parameters and gives instances of both types, the result can
 * be extended, and it stays assignable to the class itself (private and protected statics included), which a
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
