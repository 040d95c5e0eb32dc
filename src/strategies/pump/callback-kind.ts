/** What the running callback is, as far as the pump cares (test/context-matrix.test.ts blocks from each). */
import { executionAsyncResource } from 'node:async_hooks';
import { isMessagePortResource } from './message-port.js';
import { state, type CallbackKind, type ImmediateLike, type TimerLike } from './state.js';
import { isThreadPoolResource } from './thread-pool.js';

export type { CallbackKind } from './state.js';

export function callbackKindOf(id: number): CallbackKind {
  if (id === 0 || id !== state.kindCheckedFor) {
    state.kindCheckedFor = id;
    if (id === 1) {
      state.lastResource = undefined; // the main script
      state.lastKind = 'main';
    } else {
      // `executionAsyncResource`, once used, costs something on every loop turn
      const immediate = id === state.runningImmediateId ? state.runningImmediate : undefined;
      state.lastResource = immediate ?? executionAsyncResource();
      state.lastKind = immediate ? placeInTurn(immediate) : kindOf(state.lastResource as ImmediateLike & TimerLike);
    }
  }
  return state.lastKind;
}

/*
 * Node's processImmediate is not re-entrant past the first immediate of a turn: nested there, Node dies ("FATAL
 * ERROR: v8::ToLocalChecked Empty MaybeLocal"; test/fixtures/hostile/immediate-turn.cjs).
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

/** Never inside an unrecognised thread-pool completion (hidden-handles.ts). */
export const runByLoop = (kind: CallbackKind): boolean => kind === 'main' || kind === 'immediate' || kind === 'timer';
