/**
 * reflect-metadata keys asynchro reads and writes, public for other tools (docs/decorators.md, "Metadata and
 * introspection"). Under standard decorators the same keys index `Class[Symbol.metadata]`, as maps from member
 * (`'afoo'`, `'static afoo'`) to the value, and `VARIANTS_KEY` as the list of records.
 */

/** On a function or `(prototype, method)`: its `CoroutineReason`, or `false` when known not to be one. */
export const COROUTINE_KEY = 'asynchro-bridge:coroutine';
/** On a function: the function it wraps (a wrapper of a coroutine function is one too). */
export const WRAPS_KEY = 'asynchro-bridge:wraps';
/** Emitted by TypeScript's `emitDecoratorMetadata`: `Promise` marks a coroutine method. */
export const DESIGN_RETURN_TYPE_KEY = 'design:returntype';
/** On `(prototype or class, method)`: the blocking variant's name `@syncName` set, or `false` for none. */
export const SYNC_NAME_KEY = 'asynchro-bridge:sync-name';
/** On `(prototype or class, method)`: the async variant's name `@asyncName` set, or `false` for none. */
export const ASYNC_NAME_KEY = 'asynchro-bridge:async-name';
/** On `(decorated prototype or class, method)`: the `VariantRecord` of what the decorator decided for it. */
export const VARIANT_KEY = 'asynchro-bridge:variant';
/** On a decorated class: all its `VariantRecord`s, in order. */
export const VARIANTS_KEY = 'asynchro-bridge:variants';

/**
 * Why a function is judged a coroutine function: a `native` async function, `marked` with `@coroutine`, made by
 * `asynchro` (`desynced`), a `design-type` of `Promise`, a `wrapper` of one, or `included` by a decorator's option.
 */
export type CoroutineReason = 'native' | 'marked' | 'asynchro' | 'design-type' | 'wrapper' | 'included';
