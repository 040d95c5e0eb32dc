/**
 * reflect-metadata keys asynchro reads and writes. They are part of the public API: other tools may read them.
 *
 * - `asynchro-bridge:coroutine` on a function, or on `(prototype, methodName)`: why it counts as a coroutine function
 *   (a `CoroutineReason`), or `false` when asynchro knows it is not one (for example a `synced` function).
 * - `asynchro-bridge:wraps` on a function: the function it wraps; a wrapper of a coroutine function is one too.
 * - `design:returntype`: emitted by TypeScript's `emitDecoratorMetadata` on decorated members; `Promise`
 *   marks a coroutine method.
 * - `asynchro-bridge:sync-name` on `(prototype or class, methodName)`: written by `@syncName` for tools to read: the name of
 *   that async method's blocking variant, or `false` for none.
 * - `asynchro-bridge:async-name` on `(prototype or class, methodName)`: set by `@asyncName`, the same for a sync method.
 * - `asynchro-bridge:variant` on `(decorated prototype or class, methodName)`: the `VariantRecord` of what `exposeSync` /
 *   `exposeAsync` decided for that method. The decorated class also gets `asynchro-bridge:coroutine` for a coroutine method
 *   whose function alone does not show it (only its member's marks do), with the reason.
 * - `asynchro-bridge:variants` on a class returned by `exposeSync` / `exposeAsync`: all its `VariantRecord`s, in order.
 *
 * Under TC39 standard decorators the same keys index `Class[Symbol.metadata]`: `[COROUTINE_KEY]`, `[SYNC_NAME_KEY]`
 * and `[ASYNC_NAME_KEY]` are maps from member (`'afoo'`, or `'static afoo'`) to the value above, and
 * `[VARIANTS_KEY]` is the list of records.
 */
export const COROUTINE_KEY = 'asynchro-bridge:coroutine';
export const WRAPS_KEY = 'asynchro-bridge:wraps';
export const DESIGN_RETURN_TYPE_KEY = 'design:returntype';
export const SYNC_NAME_KEY = 'asynchro-bridge:sync-name';
export const ASYNC_NAME_KEY = 'asynchro-bridge:async-name';
export const VARIANT_KEY = 'asynchro-bridge:variant';
export const VARIANTS_KEY = 'asynchro-bridge:variants';

/** Why a function is judged a coroutine function. */
export type CoroutineReason =
  /** a native `async function` */
  | 'native'
  /** marked with `@coroutine` or `markCoroutine` */
  | 'marked'
  /** made by asynchro (`desynced`, `@desync`) */
  | 'asynchro'
  /** a decorated method whose emitted `design:returntype` is `Promise` */
  | 'design-type'
  /** wraps a coroutine function (`asynchro-bridge:wraps`) */
  | 'wrapper'
  /** named in a decorator's `include`: trusted as a coroutine (a promise-returning method that is not `async`) */
  | 'included';
