/**
 * `asynchro-bridge/introspection`: what asynchro reads and writes on a program's functions and classes, for tools
 * and libraries built on it: how it judges a coroutine function, how it names variants, the reflect-metadata keys it
 * uses, and the values its options accept. Code that only calls asynchro needs none of it.
 */
export { coroutineReason, markCoroutine, markWrapper } from '../metadata/coroutine.js';
export {
  COROUTINE_KEY,
  WRAPS_KEY,
  DESIGN_RETURN_TYPE_KEY,
  SYNC_NAME_KEY,
  ASYNC_NAME_KEY,
  VARIANT_KEY,
  VARIANTS_KEY,
  type CoroutineReason,
} from '../metadata/keys.js';
export { describeVariants } from '../decorators/introspection.js';
export type { VariantRecord } from '../decorators/records.js';
export { syncNameOf, asyncNameOf, ENGLISH_A_WORDS } from '../decorators/naming.js';
export type { EnglishAWord } from '../decorators/words.js';
export type { SyncName, AsyncName } from '../decorators/types.js';
export { STRATEGIES, REENTRANCY_POLICIES, DIVERGENCE_POLICIES, MAX_TIMEOUT_MS } from '../options.js';
