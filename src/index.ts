export type {
  Thunk,
  MaybeAwaitable,
  CallableMaybeAwaitable,
  CallableAwaitable,
  ThunkMaybeAwaitable,
  Strategy,
  SyncOptions,
} from './types.js';
export { AsynchroError, SyncContextError, DeadlockError, SyncTimeoutError } from './errors.js';
export { isAwaitable } from './bridge/awaitable.js';
export { sync, synced, awaitSync } from './bridge/sync.js';
export { desync, desynced } from './bridge/desync.js';
export { isReallyCoroutineFunction, coroutineReason, markCoroutine, markWrapper } from './metadata/coroutine.js';
export { COROUTINE_KEY, WRAPS_KEY, DESIGN_RETURN_TYPE_KEY, type CoroutineReason } from './metadata/keys.js';
export { pumpDepth } from './strategies/pump.js';
