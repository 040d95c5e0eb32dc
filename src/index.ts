/**
 * The public API, documented in docs/api.md; test/packaging.test.ts pins the list. It ships bundled into one file
 * (scripts/bundle.mjs), so that loading it reads one module, not one per source file.
 */
export type {
  BlockingResult,
  Thunk,
  MaybeAwaitable,
  CallableMaybeAwaitable,
  CallableAwaitable,
  ThunkMaybeAwaitable,
  Strategy,
  DivergencePolicy,
  SyncOptions,
} from './types.js';
export { STRATEGIES, REENTRANCY_POLICIES, DIVERGENCE_POLICIES, MAX_TIMEOUT_MS } from './options.js';
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
export { isAwaitable } from './bridge/awaitable.js';
export { sync, synced, awaitSync } from './bridge/sync.js';
export { desynced, type DesyncOptions } from './bridge/desync.js';
export { syncView } from './bridge/view.js';
export type { SyncView, SyncResult } from './bridge/view-types.js';
export { isReallyCoroutineFunction, coroutineReason, markCoroutine, markWrapper } from './metadata/coroutine.js';
export { COROUTINE_KEY, WRAPS_KEY, DESIGN_RETURN_TYPE_KEY, type CoroutineReason } from './metadata/keys.js';
export { pumpDepth } from './strategies/pump/index.js';
export { currentSignal } from './strategies/call-signal.js';
export { MAX_PUMP_DEPTH } from './config.js';
export type { ReentrancyPolicy } from './types.js';
export {
  SYNC_CHANNEL,
  DESYNC_CHANNEL,
  type SyncCallContext,
  type DesyncCallContext,
  type SyncStrategyUsed,
  type DesyncStrategyUsed,
} from './instrumentation/channels.js';
export { setReentrancyPolicy } from './instrumentation/reentrancy.js';
export { collectStats, type StatsCollector, type CallStats } from './instrumentation/stats.js';
export {
  workerSynced,
  relocatableSynced,
  workerDesynced,
  type WorkerSyncOptions,
  type WorkerDesyncOptions,
} from './bridge/worker.js';
export {
  addWorkerContext,
  registerErrorClasses,
  terminateWorkers,
  setWorkerRunner,
  type WorkerContext,
  type ModuleReference,
  type ModuleOptions,
} from './strategies/worker/index.js';
export { exposeSync, exposeAsync, desync } from './decorators/expose.js';
export { coroutine, syncName, asyncName } from './decorators/marks.js';
export { syncNameOf, asyncNameOf, ENGLISH_A_WORDS } from './decorators/naming.js';
export type { EnglishAWord } from './decorators/words.js';
export type { VariantRecord } from './decorators/records.js';
export type {
  SyncMethods,
  AsyncMethods,
  SyncName,
  AsyncName,
  WithSyncMethods,
  WithAsyncMethods,
  ExposeSyncOptions,
  ExposeAsyncOptions,
  VariantOptions,
  Rename,
} from './decorators/types.js';
export { describeVariants } from './decorators/introspection.js';
export { SYNC_NAME_KEY, ASYNC_NAME_KEY, VARIANT_KEY, VARIANTS_KEY } from './metadata/keys.js';
