/** All the pump remembers on this thread; its other files keep no state. */
import { runtimeWithoutLoop, type PumpEngine, type PumpUnavailable } from './engine.js';

export type CallbackKind =
  | 'main'
  | 'immediate'
  | 'later-immediate'
  | 'timer'
  | 'thread-pool'
  | 'message-port'
  | 'other';

/** What the pump reads of Node's Immediate and Timeout (lib/internal/timers.js). */
export type ImmediateLike = { constructor?: { name?: string }; _idlePrev?: unknown };
export type TimerLike = {
  constructor?: { name?: string };
  hasRef?(): boolean;
  ref?(): unknown;
  unref?(): unknown;
  _repeat?: unknown;
};

export const state = {
  /** Pumps in progress: 0 outside any, 1 inside the work of the outermost blocked call. */
  depth: 0,

  /** The callback (async id) last proved able to pump, at that depth; every drain inside it clears the proof. */
  safeFor: -1,
  safeDepth: 0,
  probing: false,
  /** Other code drained inside a callback: from then on every first call probes. */
  foreignDrainSeen: false,
  /** While this probe has not run, the caller is still in that microtask checkpoint. */
  unranProbe: undefined as { ran: boolean } | undefined,

  /** The last callback's kind and resource, by async id (never reused). */
  kindCheckedFor: -1,
  lastKind: 'other' as CallbackKind,
  lastResource: undefined as unknown,
  runningImmediate: undefined as ImmediateLike | undefined,
  runningImmediateId: -1,
  timerCallbacksOnStack: new Set<TimerLike>(),

  /** Loaded by the first call that needs it; or why there is none. */
  engine: undefined as PumpEngine | undefined,
  unavailable: runtimeWithoutLoop() as PumpUnavailable | undefined,
};
