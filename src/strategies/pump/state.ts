/**
 * Everything the pump remembers on this thread, in one object: which calls are blocked, which stretch of a callback
 * is proved able to pump, what the running callback is, and whether the pump can run here at all. Every other file of
 * the pump is code over this record; none keeps state of its own.
 */
import { runtimeWithoutLoop, type PumpEngine, type PumpUnavailable } from './engine.js';

/** What the running callback is, as far as the pump cares (callback-kind.ts). */
export type CallbackKind =
  | 'main'
  | 'immediate'
  | 'later-immediate'
  | 'timer'
  | 'thread-pool'
  | 'message-port'
  | 'other';

/** The fields of Node's Immediate and Timeout objects the pump reads (lib/internal/timers.js). */
export type ImmediateLike = { constructor?: { name?: string }; _idlePrev?: unknown };
export type TimerLike = {
  constructor?: { name?: string };
  hasRef?(): boolean;
  ref?(): unknown;
  unref?(): unknown;
  _repeat?: unknown;
};

export const state = {
  /** Pumps in progress on this thread: 0 outside any, 1 inside the work of the outermost blocked call. */
  depth: 0,

  /**
   * The async id of the callback whose synchronous stretch was last proved able to pump (by a probe or a pump), or -1;
   * the proof holds at `safeDepth` only. A call that sees both again runs in that stretch (or a later callback of the
   * same resource: an interval, a socket), never in a microtask: Node runs the microtasks a callback queued after it
   * returns, under id 0 (or, with async hooks on, their promise's own). A drain made synchronously inside the callback
   * is the exception, so the pump forgets the id before its own drains, and the patched `process._tickCallback`
   * (patches.ts) before other code's. Deeper than `safeDepth`, a later callback of the same resource may follow the
   * stretch that remembered it, and is checked again (where.ts).
   */
  safeFor: -1,
  safeDepth: 0,

  /** The microtask probe is draining (where.ts): a microtask then sees the probing callback's id on top. */
  probing: false,
  /** Other code drained ticks inside a callback (another deasync user): from then on every first call probes. */
  foreignDrainSeen: false,
  /** The last probe that did not run when queued: it runs when the checkpoint the caller is in gets to it. */
  unranProbe: undefined as { ran: boolean } | undefined,

  /**
   * The kind of the callback with async id `kindCheckedFor`, and its resource: calls come in runs from one callback,
   * and `executionAsyncResource` costs more than the id. Ids are never reused (0, no known callback, is not kept).
   */
  kindCheckedFor: -1,
  lastKind: 'other' as CallbackKind,
  lastResource: undefined as unknown,

  /**
   * The immediate whose callback runs through the setImmediate guard (patches.ts), and its async id. Kept after the
   * callback returns (a stale entry never matches a later id); a pump's nested immediates put the outer one back.
   */
  runningImmediate: undefined as ImmediateLike | undefined,
  runningImmediateId: -1,

  /** Timers whose callbacks are blocked in a pump on this thread (timers.ts). */
  timerCallbacksOnStack: new Set<TimerLike>(),

  /** The native engine, once loaded: never before a call needs it (engine.ts). */
  engine: undefined as PumpEngine | undefined,
  /** Why the pump cannot run in this process, once known; known from the start on a runtime without a loop. */
  unavailable: runtimeWithoutLoop() as PumpUnavailable | undefined,
};
