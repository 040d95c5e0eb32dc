/**
 * reflect-metadata keys asynchro reads and writes. They are part of the public API: other tools may read them.
 *
 * - `asynchro:coroutine` on a function, or on `(prototype, methodName)`: why it counts as a coroutine function
 *   (a `CoroutineReason`), or `false` when asynchro knows it is not one (for example a `synced` function).
 * - `asynchro:wraps` on a function: the function it wraps; a wrapper of a coroutine function is one too.
 * - `design:returntype`: emitted by TypeScript's `emitDecoratorMetadata` on decorated members; `Promise`
 *   marks a coroutine method.
 */
export const COROUTINE_KEY = 'asynchro:coroutine';
export const WRAPS_KEY = 'asynchro:wraps';
export const DESIGN_RETURN_TYPE_KEY = 'design:returntype';

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
  /** wraps a coroutine function (`asynchro:wraps`) */
  | 'wrapper';
