/**
 * The record of one blocking call, passed down its whole path. It is also the call's settlement, which the pump
 * subscribes to the awaitable, so an untraced pumping call allocates nothing more.
 */
import type { SyncCallContext } from '../instrumentation/channels.js';
import type { CallOptions } from '../options.js';
import type { AnyFunction } from '../types.js';
import type { SignalSource } from './call-signal.js';
import type { CallSite } from './relocation.js';
import type { Settlement } from './settlement.js';

export interface BlockingCall extends Settlement<unknown>, SignalSource {
  readonly fn: AnyFunction;
  readonly thisArg: unknown;
  readonly args: unknown[];
  readonly options: CallOptions;
  readonly site: CallSite;
  /** The context published on `asynchro-bridge:sync`, when someone listens. */
  trace: SyncCallContext | undefined;
  /** The abort of the signal its work reads: made on the first read, or when the call gives up. */
  controller: AbortController | undefined;
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
    controller: undefined,
    status: 'pending',
    value: undefined,
    reason: undefined,
  };
}
