/**
 * Whether the loop pump can run in this process at all, and the error that says why not. The pump drains Node's ticks
 * (`process._tickCallback`) and turns the thread's libuv loop from native code (`uv_run`). Bun has no `uv_run` for
 * native code: calling it aborts the process ("unsupported uv function: uv_run"), so there the engine is never even
 * loaded. Deno runs Node code on its own event loop and has no `_tickCallback`. On Node, the engine may not load
 * (no build for the platform). Known before the first call that would pump, so that call is refused before its work
 * starts (test/fixtures/runtimes/ runs on each).
 */
import { PumpUnavailableError } from '../errors.js';
import { labelOf, type CallLabel } from './call-label.js';

/** Why the pump cannot run here. */
export interface PumpUnavailable {
  /** Where: `Bun 1.4.5`, `Deno 2.9.6`, `Node 24.1.0 on linux-arm64`. */
  runtime: string;
  /** Why not, as a clause. */
  reason: string;
  /** The engine's load error, when that is why. */
  cause?: unknown;
}

type Versions = Partial<Record<'node' | 'bun' | 'deno', string>>;

/** A runtime that has no loop the pump could turn, told by its versions and whether it has `_tickCallback`. */
export function runtimeWithoutLoop(versions: Versions, hasTickCallback: boolean): PumpUnavailable | undefined {
  if (versions.bun) {
    return {
      runtime: `Bun ${versions.bun}`,
      reason:
        "Bun does not implement libuv's uv_run for native code, which the loop pump needs to turn the event loop " +
        '(calling it aborts the process)',
    };
  }
  if (versions.deno) {
    return {
      runtime: `Deno ${versions.deno}`,
      reason:
        'Deno runs Node code on its own event loop, with no libuv loop that native code could turn and no ' +
        'process._tickCallback to run ticks and microtasks',
    };
  }
  if (!hasTickCallback) {
    return {
      runtime: `this runtime (it reports Node ${versions.node})`,
      reason: 'it has no process._tickCallback, which the loop pump needs to run ticks and microtasks',
    };
  }
  return undefined;
}

/** Node, where the pump's native engine did not load (`cause`: its load error). */
export function engineUnavailable(cause: unknown, nodeVersion: string, platform: string): PumpUnavailable {
  return {
    runtime: `Node ${nodeVersion} on ${platform}`,
    reason:
      `the loop pump's native engine did not load there (${firstLine(cause)}; \`cause\` is the full error)` +
      ((cause as { code?: unknown } | undefined)?.code === 'ERR_DLOPEN_DISABLED'
        ? ': the process runs under the permission model without --allow-addons, which the engine needs'
        : ''),
    cause,
  };
}

/**
 * A load error's first line, without a trailing list header: a loader's message may go on with every path it tried
 * ("Could not locate the bindings file. Tried:" and thirteen paths), which would bury the advice.
 */
function firstLine(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  return first.replace(/(?:^|\.\s+)[^.]*:$/, '').replace(/\.$/, '') || first;
}

/** The error for `call` refused because the pump cannot run here; `started`: whether its work had begun. */
export function pumpUnavailableError(
  call: CallLabel,
  { runtime, reason, cause }: PumpUnavailable,
  started: boolean,
): PumpUnavailableError {
  return new PumpUnavailableError(
    `${labelOf(call)} cannot block on ${runtime}: ${reason}. ` +
      (started ? 'The work had already started and goes on without a waiter. ' : 'The work was not started. ') +
      'Await the async function instead, or make the target relocatable so that it runs in a worker thread ' +
      "(workerSynced(module, exportName), or exposeSync's `module` option): strategy 'auto' sends relocatable " +
      'targets there wherever the pump cannot run.',
    runtime,
    { cause, functionName: call.functionName },
  );
}
