/**
 * The package root, `asynchro-bridge`: what an SDK author and the SDK's users call, catch or write in a type. A name
 * belongs here when a newcomer would use it: the bridge functions (sync, desync, their worker-backed forms,
 * `syncView`), the decorators written on a class or method, the checks an SDK makes on a function, every error class
 * asynchro throws, and the types of the values and options those take and return. Everything else (metadata keys,
 * naming functions, value lists, instrumentation, worker-pool management) is in a subpath entry, src/subpaths/, by who
 * needs it. test/packaging.test.ts pins each list. The package ships this entry and the subpaths bundled into one
 * file (scripts/bundle.mjs), so that they share one copy of asynchro's state.
 */
export type {
  Thunk,
  MaybeAwaitable,
  CallableMaybeAwaitable,
  CallableAwaitable,
  ThunkMaybeAwaitable,
  BlockingResult,
  Strategy,
  ReentrancyPolicy,
  DivergencePolicy,
  SyncOptions,
} from './types.js';
export {
  AsynchroError,
  SyncContextError,
  DivergenceError,
  DeadlockError,
  SyncTimeoutError,
  SyncDepthError,
  PumpUnavailableError,
  ReentrancyError,
  DecorationError,
  WorkerStartupError,
  WorkerExitError,
  WorkerCloneError,
  WorkerRecursionError,
  WorkerLimitError,
} from './errors.js';
export { sync, synced, awaitSync } from './bridge/sync.js';
export { desynced, type DesyncOptions } from './bridge/desync.js';
export { syncView } from './bridge/view.js';
export type { SyncView, SyncResult } from './bridge/view-types.js';
export {
  workerSynced,
  relocatableSynced,
  workerDesynced,
  type WorkerSyncOptions,
  type WorkerDesyncOptions,
} from './bridge/worker.js';
export { registerErrorClasses, type ModuleReference, type ModuleOptions } from './strategies/worker/index.js';
export { isAwaitable } from './bridge/awaitable.js';
export { isReallyCoroutineFunction } from './metadata/coroutine.js';
export { currentSignal } from './strategies/call-signal.js';
export { exposeSync, exposeAsync, desync } from './decorators/expose.js';
export { coroutine, syncName, asyncName } from './decorators/marks.js';
export type {
  SyncMethods,
  AsyncMethods,
  WithSyncMethods,
  WithAsyncMethods,
  ExposeSyncOptions,
  ExposeAsyncOptions,
  VariantOptions,
  Rename,
} from './decorators/types.js';
