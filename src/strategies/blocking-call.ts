/**
 * The record of one blocking call, passed down its whole path (bridge -> pump or worker strategy) instead of its
 * parts one by one. It is also the call's settlement: the pump subscribes it to the awaitable the work returned, so an
 * untraced call that pumps allocates nothing for it beyond what observing the awaitable needed before.
 */
import type { SyncCallContext } from '../instrumentation/channels.js';
import type { CallOptions } from '../options.js';
import type { AnyFunction } from '../types.js';
import type { CallAbort } from './call-signal.js';
import type { CallSite } from './relocation.js';
import type { Settlement } from './settlement.js';

export interface BlockingCall extends Settlement<unknown> {
  /** The work: called as `fn.apply(thisArg, args)`. */
  readonly fn: AnyFunction;
  readonly thisArg: unknown;
  readonly args: unknown[];
  readonly options: CallOptions;
  /** Where the call comes from: names for messages and traces, and how to relocate it. */
  readonly site: CallSite;
  /** The context published on `asynchro-bridge:sync`, when someone listens (set before the call starts). */
  trace: SyncCallContext | undefined;
  /** The signal its work reads (call-signal.ts), for a call that can be aborted (set before the work starts). */
  abort: CallAbort | undefined;
}

/** A pending call. An object literal: one shape for every call, and the cheapest allocation V8 has. */
export function blockingCall(
  fn: AnyFunction,
  thisArg: unknown,
  args: unknown[],
  options: CallOptions,
  site: CallSite,
): BlockingCall {
  return {
    fn,
    thisArg,
    args,
    options,
    site,
    trace: undefined,
    abort: undefined,
    status: 'pending',
    value: undefined,
    reason: undefined,
  };
}
