/**
 * Every bridged call is published on a diagnostics_channel TracingChannel, so APMs and tests can see what
 * blocked, for how long and how. With no subscriber, the bridge skips all of it (one `hasSubscribers` check).
 */
import { tracingChannel } from 'node:diagnostics_channel';

/** How a sync call got its result: `direct` (the function returned a plain value), `pump` or `worker`. */
export type SyncStrategyUsed = 'direct' | 'pump' | 'worker';
/** How a desync call ran: `coroutine` (called now and awaited), `deferred` (a later loop turn) or `worker`. */
export type DesyncStrategyUsed = 'coroutine' | 'deferred' | 'worker';

/** The context object published on `asynchro-bridge:sync` (channels `tracing:asynchro-bridge:sync:start|end|error`). */
export interface SyncCallContext {
  /** The function or async method run, e.g. `afetchUser`. */
  name: string;
  /** The class, for generated methods. */
  className: string | undefined;
  /** The public entry point: `sync`, `awaitSync`, or a generated method such as `fetchUserSync`. */
  verb: string;
  /** Set before `end` is published; `undefined` if the call failed before a strategy was chosen. */
  strategy: SyncStrategyUsed | undefined;
  /** Blocking calls already in progress on this thread when this one started (0 for the outermost). */
  depth: number;
  /** Milliseconds the thread spent blocked (0 for `direct`). */
  blockedMs: number;
  /** Set by the channel: the value returned, or the error thrown. */
  result?: unknown;
  error?: unknown;
}

/** The context object published on `asynchro-bridge:desync` (`start|end|asyncStart|asyncEnd|error`). */
export interface DesyncCallContext {
  name: string;
  className: string | undefined;
  verb: string;
  strategy: DesyncStrategyUsed | undefined;
  result?: unknown;
  error?: unknown;
}

export const SYNC_CHANNEL = 'asynchro-bridge:sync' as const;
export const DESYNC_CHANNEL = 'asynchro-bridge:desync' as const;

export const syncChannel = tracingChannel<unknown, SyncCallContext>(SYNC_CHANNEL);

/**
 * Whether a sync call has anyone to tell. `traceSync` publishes on start, end and error only, so those three are read,
 * not the five sub-channels `hasSubscribers` reads (each a getter, on every call).
 */
const { start: syncStart, end: syncEnd, error: syncError } = syncChannel;
export const isSyncTraced = (): boolean =>
  syncStart.hasSubscribers || syncEnd.hasSubscribers || syncError.hasSubscribers;
export const desyncChannel = tracingChannel<unknown, DesyncCallContext>(DESYNC_CHANNEL);
