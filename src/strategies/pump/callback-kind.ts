/**
 * What the running callback is, as far as the pump cares: the main script, the first immediate of its turn or a later
 * one, a timer, a thread-pool completion, a MessagePort callback, or anything else. Kept in state.ts for the callback's
 * async id: calls come in runs from one callback.
 */
import { executionAsyncResource } from 'node:async_hooks';
import { isMessagePortResource } from './message-port.js';
import { state, type CallbackKind, type ImmediateLike, type TimerLike } from './state.js';
import { isThreadPoolResource } from './thread-pool.js';

export type { CallbackKind } from './state.js';

/** The kind of the callback running with async id `id`; its resource is then `state.lastResource`. */
export function callbackKindOf(id: number): CallbackKind {
  if (id === 0 || id !== state.kindCheckedFor) {
    state.kindCheckedFor = id;
    if (id === 1) {
      state.lastResource = undefined; // the main script (or a worker's): no resource of Node's
      state.lastKind = 'main';
    } else {
      // An immediate through the setImmediate guard (patches.ts), else the resource Node keeps for `id`. The guard
      // is asked first: `executionAsyncResource`'s first use makes Node hand every native callback's resource to
      // JavaScript from then on, a cost on every loop turn.
      const immediate = id === state.runningImmediateId ? state.runningImmediate : undefined;
      state.lastResource = immediate ?? executionAsyncResource();
      state.lastKind = immediate ? placeInTurn(immediate) : kindOf(state.lastResource as ImmediateLike & TimerLike);
    }
  }
  return state.lastKind;
}

/*
 * Node's processImmediate is not re-entrant past the first immediate of a turn: while a later one runs, Node's queue
 * of outstanding immediates starts at it (already destroyed), and a nested processImmediate, which the pump's loop
 * runs as soon as any immediate is queued, takes it for a cleared one, reads `_idleNext` of a previous immediate it
 * does not have, and throws inside CheckImmediate: Node dies with "FATAL ERROR: v8::ToLocalChecked Empty
 * MaybeLocal" (Node 20-26). Any callback the nested loop runs (a socket's data, a timer) may queue one within
 * the same turn, where no check can come between, so a later immediate, one that had another before it in its turn
 * (`_idlePrev`), is refused before its work starts. Blocking in the last of a turn until an immediate is queued
 * crashes Node as soon as a socket callback of the wait queues one: test/fixtures/hostile/immediate-turn.cjs.
 * An immediate's place does not grow while it runs: new immediates go to the next turn's list.
 */
export function placeInTurn(immediate: ImmediateLike): CallbackKind {
  return immediate._idlePrev == null ? 'immediate' : 'later-immediate';
}

function kindOf(resource: (ImmediateLike & TimerLike) | undefined): CallbackKind {
  const name = resource?.constructor?.name;
  if (name === 'Immediate') return placeInTurn(resource!);
  if (name === 'Timeout') return 'timer';
  if (isMessagePortResource(resource)) return 'message-port';
  return isThreadPoolResource(resource) ? 'thread-pool' : 'other';
}

/**
 * Whether a callback of this kind is run by the event loop itself, never inside a thread-pool completion that was not
 * recognised up front (see hidden-handles.ts): the main script, an immediate or a timer callback. Anywhere else (or
 * inside another pump) the platform-task probe's timer is armed before the first turn: there, that turn could sleep
 * for good (a hidden handle that was already signalled does not wake the loop again).
 */
export const runByLoop = (kind: CallbackKind): boolean => kind === 'main' || kind === 'immediate' || kind === 'timer';
