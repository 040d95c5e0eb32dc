/**
 * What a worker call's outcome becomes, on the calling thread: its value, an iterator, the rejection rebuilt, or a
 * typed error saying what happened and what to do.
 */
import {
  DeadlockError,
  SyncTimeoutError,
  WorkerCloneError,
  WorkerExitError,
  WorkerLimitError,
  WorkerRecursionError,
  WorkerStartupError,
} from '../../../errors.js';
import { missingModuleAdvice } from '../../bundler.js';
import { labelFor, labelOf } from '../../call-label.js';
import type { CallSite, Relocation } from '../../relocation.js';
import { contextName } from './contexts.js';
import { asynchroErrorClass, errorClassFor } from './error-classes.js';
import { recursionAdvice } from '../wire/import-chain.js';
import type { Wait } from './host.js';
import { formatAddress, listeningAddresses } from './loopback.js';
import { moduleUrl } from '../wire/module-url.js';
import { describe, isCloneable, uncloneablePath, valueAt } from '../wire/clone.js';
import { decodeReason } from '../wire/codec.js';
import type { CallRequest } from '../wire/protocol.js';
import { loaderHint } from './preloads.js';

/**
 * What a relocated call that returned an async iterable gives back: the worker keeps the iterator, and each step
 * is a blocking call naming it (`Relocation.iterator`). Only the blocking worker keeps iterators.
 */
export class WorkerIterator {
  constructor(
    readonly id: number,
    /** The call that opened it (its module names the worker target in messages). */
    readonly opened: Relocation,
  ) {}
}

const isModuleNotFound = (cause: unknown): boolean =>
  (cause as { code?: unknown } | undefined)?.code === 'ERR_MODULE_NOT_FOUND';

export function settle(
  wait: Wait,
  relocation: Relocation,
  site: CallSite,
  timeout: number | undefined,
  frames: () => string,
): unknown {
  if (wait.kind === 'value') {
    if (wait.fields) relocation.instance?.receive?.(wait.fields);
    return wait.value; // the common case first: the labels below are for errors
  }
  const call = labelFor(site, undefined);
  const label = labelOf(call);
  const { functionName } = call;
  const module = moduleUrl(relocation.module, true);
  const exportName = relocation.exportName ?? 'default';
  switch (wait.kind) {
    case 'iterator':
      if (wait.fields) relocation.instance?.receive?.(wait.fields);
      return new WorkerIterator(wait.iterator, relocation);
    case 'rejected':
      if (wait.fields) relocation.instance?.receive?.(wait.fields);
      throw decodeReason(wait.reason, frames(), (error) => errorClassFor(error, module));
    case 'startup': {
      const cause = wait.cause && decodeReason(wait.cause, undefined, asynchroErrorClass);
      if (wait.limit !== undefined)
        throw new WorkerLimitError(`${label}: ${wait.message}`, module, exportName, wait.limit, { functionName });
      // The worker's own recursion error says what to do; the one here names this thread's call.
      if (cause instanceof WorkerRecursionError)
        throw new WorkerRecursionError(
          `${label}: ${recursionAdvice(cause.module, cause.exportName)}`,
          module,
          exportName,
          {
            cause,
            functionName,
          },
        );
      const advice = wait.module === undefined && isModuleNotFound(cause) ? missingModuleAdvice() : '';
      const said = `${label}: ${wait.message}${loaderHint(wait.module ?? module, cause)}`;
      const message = advice ? `${said}${/[.!?]$/.test(said) ? '' : '.'}${advice}` : said;
      throw new WorkerStartupError(message, wait.module ?? module, exportName, {
        ...(cause !== undefined && { cause }),
        functionName,
      });
    }
    case 'clone':
      throw new WorkerCloneError(`${label}: ${wait.message}`, wait.what, { functionName });
    case 'deadlock':
      throw new DeadlockError(
        `${label} can never finish: its promise is pending in the worker thread and the worker's event loop holds ` +
          `nothing (no timer, socket, file request) that could settle it. Settle the promise in the worker (an unref'd ` +
          `timer does not count), or, if what settles it runs on this thread, call the async function here and ` +
          `await it.`,
        { functionName },
      );
    case 'exit': {
      const cause = wait.cause && decodeReason(wait.cause, undefined, asynchroErrorClass);
      const why = cause ? `an uncaught exception (${(cause as Error).message ?? cause})` : `process.exit(${wait.code})`;
      throw new WorkerExitError(
        `${label}: the worker thread ended during the call, by ${why}. The next call starts a new worker.`,
        wait.code,
        {
          ...(cause !== undefined && { cause }),
          functionName,
        },
      );
    }
    case 'vanished':
      throw new WorkerExitError(
        `${label}: the worker thread ended during the call without a word (out of memory, or stopped by native ` +
          `code), so it sent no reply. The next call starts a new worker.`,
        -1,
        { functionName },
      );
    case 'timeout':
      throw new SyncTimeoutError(
        `${label} timed out after ${timeout} ms in the worker thread. ` +
          (wait.workerStopped
            ? `The worker was stuck in synchronous code, so it was stopped (its twins and module state are gone); the next call starts a new one.`
            : `The worker's event loop still answers, so it was kept, and the call's signal (currentSignal()) was ` +
              `aborted there: work that passes it on stops, other work goes on there, its result discarded.`) +
          listeningHint(),
        timeout!,
        { functionName },
      );
    case 'served-here':
      throw new DeadlockError(
        `${label} cannot finish while this thread blocks: its target in the worker thread connected to ` +
          `${wait.where}, where this thread is listening, and was still waiting a second later; this thread cannot ` +
          `answer until the call returns. Run that server in another thread or process, or await the call ` +
          `(workerDesynced, or the async method) instead of blocking.`,
        { functionName },
      );
    case 'stalled':
      throw new WorkerStartupError(`${label}: the worker thread did not start in time.`, module, exportName, {
        functionName,
      });
  }
}

/** For a timeout: the servers this thread listens on, which a target could have been waiting for. */
function listeningHint(): string {
  const addresses = listeningAddresses();
  if (addresses.length === 0) return '';
  return (
    ` This thread is listening on ${addresses.map(formatAddress).join(', ')}: if the target called a server on this ` +
    `thread, it could not be answered while this thread blocked.`
  );
}

/**
 * A failed send's error (a DataCloneError, a too-deep value's RangeError, a getter's throw) as a WorkerCloneError
 * naming the value that could not cross.
 */
export function cloneError(error: unknown, call: CallRequest, relocation: Relocation, site: CallSite): unknown {
  const candidates: [string, unknown][] = [
    ...call.args.map((value, index): [string, unknown] => [`argument ${index}`, value]),
    ...(relocation.instance?.constructorArgs ?? []).map((value, index): [string, unknown] => [
      `constructor argument ${index} of ${relocation.exportName ?? 'default'}`,
      value,
    ]),
    ...(call.contexts ?? []).map((context, index): [string, unknown] => [
      `worker context "${contextName(index)}"`,
      context.value,
    ]),
  ];
  const uncloneable = candidates.find(([, candidate]) => !isCloneable(candidate));
  if (!uncloneable && !(error instanceof RangeError) && (error as Error)?.name !== 'DataCloneError') return error;
  const [where, outer] = uncloneable ?? ['a value', undefined];
  const path = uncloneablePath(outer);
  const what = path ? `${where}, ${path}` : where;
  const value = path ? valueAt(outer, path) : outer;
  const hint = what.startsWith('constructor')
    ? 'A relocatable class is rebuilt in the worker from its constructor arguments, so they must be structured-cloneable; ' +
      'the class option twinArgs can give the twin cloneable ones instead (leave out a custom fetch or agent). ' +
      'What it leaves out the twin goes without: a call that moves by itself is then refused (DivergenceError) ' +
      "unless the class opts in with divergence: 'allow'."
    : 'Only structured-cloneable values (no functions, class instances keep only their own data) cross to a worker thread.';
  const label = labelFor(site, undefined);
  return new WorkerCloneError(
    `${labelOf(label)}: ${what} (${describe(value)}) cannot be cloned to the worker thread. ${hint}`,
    what,
    {
      cause: error,
      functionName: label.functionName,
    },
  );
}
