/** The diagnostics_channel TracingChannels every bridged call is published on; with no subscriber, skipped. */
import { tracingChannel } from 'node:diagnostics_channel';

/** How a sync call got its result: `direct` (the function returned a plain value), `pump` or `worker`. */
export type SyncStrategyUsed = 'direct' | 'pump' | 'worker';
/** How a desync call ran: `coroutine` (called now and awaited), `deferred` (a later loop turn) or `worker`. */
export type DesyncStrategyUsed = 'coroutine' | 'deferred' | 'worker';

/** The context object published on `asynchro-bridge:sync`. */
export interface SyncCallContext {
  /** The function or async method run, e.g. `afetchUser`. */
  name: string;
  className: string | undefined;
  /** The public entry point: `sync`, `awaitSync`, or a generated method such as `fetchUserSync`. */
  verb: string;
  /** `undefined` if the call failed before a strategy was chosen. */
  strategy: SyncStrategyUsed | undefined;
  /** Blocking calls already in progress on this thread when this one started. */
  depth: number;
  blockedMs: number;
  result?: unknown;
  error?: unknown;
}

/** The context object published on `asynchro-bridge:desync`. */
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

/** `traceSync` publishes on start, end and error only: `hasSubscribers` would read five getters a call. */
const { start: syncStart, end: syncEnd, error: syncError } = syncChannel;
export const isSyncTraced = (): boolean =>
  syncStart.hasSubscribers || syncEnd.hasSubscribers || syncError.hasSubscribers;
export const desyncChannel = tracingChannel<unknown, DesyncCallContext>(DESYNC_CHANNEL);
