/** Making a worker call, on the calling thread: blocking (`blockInWorker`) or offloaded (`desyncInWorker`). */
import { fileURLToPath } from 'node:url';
import type { CallOptions } from '../../../options.js';
import { WORKER_RESPONSIVE_MS } from '../../../config.js';
import { isAbortable } from '../../call-signal.js';
import { labelFor, labelOf } from '../../call-label.js';
import { stackText } from '../../stack-text.js';
import type { CallSite, Relocation } from '../../relocation.js';
import { captureContexts } from './contexts.js';
import { checkRecursion } from '../wire/import-chain.js';
import { newCallId, type WorkerHost, type Wait } from './host.js';
import { blockingWorker, keepAfterTimeout, poolWorker } from './pool.js';
import { encodeReason } from '../wire/codec.js';
import type { CallRequest, Output } from '../wire/protocol.js';
import { cloneError, settle } from './settle.js';
import { StartFailure } from './startup.js';
import { remember, targetFor } from './targets.js';
import { transferablesIn } from '../wire/transfer.js';

/** asynchro's own files (src/ or dist/, or the bundle's folder), as URL and path: left out of the caller's frames. */
const here = import.meta.url; // in asynchro's CommonJS bundle, the bundle's (scripts/bundle.mjs defines it)
const ownFilesUrl = new URL(/\/strategies\/worker\/calling\/calls\.[jt]s$/.test(here) ? '../../../' : './', here);
const ownFiles = [ownFilesUrl.href, fileURLToPath(ownFilesUrl)];

/**
 * The calling thread's frames under an error rebuilt from the worker, taken only then (V8's async stack trace still
 * names an offloaded call's caller): at every call they would outweigh an offloaded call (the worker offload row).
 */
function callerFrames(): string {
  const limit = typeof Error.stackTraceLimit === 'number' ? Error.stackTraceLimit : 10;
  const frames = stackText(limit + 10, callerFrames) // room for our own frames, left out below
    .split('\n')
    .slice(1)
    .filter((line) => !ownFiles.some((own) => line.includes(own)));
  return ['    --- on the calling thread ---', ...frames.slice(0, limit)].join('\n');
}

function replay(output: Output[]): void {
  for (const [fd, chunk] of output) (fd === 1 ? process.stdout : process.stderr).write(chunk);
}

function request(relocation: Relocation, args: unknown[], host: WorkerHost): CallRequest {
  const call: CallRequest = { id: newCallId(), target: targetFor(relocation, host), args };
  const contexts = captureContexts();
  if (contexts.length > 0) call.contexts = contexts;
  return call;
}

/**
 * Runs a relocated call in the blocking worker. Nothing on a blocked thread can abort it: `options.signal` is checked
 * before. A call that gives up on work the worker still holds (timeout, served here, a deadlock there) aborts the
 * work's signal there with the error it throws, and throws once the worker has handled that abort.
 */
export function blockInWorker(relocation: Relocation, args: unknown[], options: CallOptions, site: CallSite): unknown {
  if (options.signal?.aborted) throw options.signal.reason;
  checkRecursion(relocation, site);
  let host: WorkerHost;
  let call: CallRequest;
  try {
    host = blockingWorker();
    call = request(relocation, args, host);
  } catch (error) {
    if (error instanceof StartFailure) return settle(error.outcome, relocation, site, options.timeout, callerFrames);
    throw error;
  }
  if (options.transfer) call.transfer = true;
  if (isAbortable(options)) call.abortable = true;
  let wait: Wait;
  try {
    wait = host.callBlocking(call, options.timeout, replay, options.transfer ? transferablesIn(args) : undefined);
  } catch (error) {
    throw cloneError(error, call, relocation, site);
  }
  // Given up while the work may still run there: its signal aborts first; a ping answered then says the abort was
  // handled, the port keeping order (after a timeout, it also says whether the worker is kept).
  if (wait.kind === 'timeout' || wait.kind === 'served-here' || wait.kind === 'deadlock') {
    host.abortCall(call.id, encodeReason(errorOf(wait, relocation, site, options.timeout))!);
  }
  if (wait.kind === 'timeout')
    wait = { kind: 'timeout', workerStopped: !keepAfterTimeout(host, labelOf(labelFor(site, undefined))) };
  else if (wait.kind === 'served-here' || wait.kind === 'deadlock') host.respondsWithin(WORKER_RESPONSIVE_MS);
  if (wait.kind === 'stalled') host.abandon();
  if (wait.kind === 'startup' && wait.retire) host.retire();
  remember(
    host,
    call.target,
    wait.kind === 'value' || wait.kind === 'iterator' || (wait.kind === 'rejected' && wait.twinBuilt === true),
  );
  return settle(wait, relocation, site, options.timeout, callerFrames);
}

/** The error a wait that gave up ends with (as the caller will get it, once the worker is known kept). */
function errorOf(wait: Wait, relocation: Relocation, site: CallSite, timeout: number | undefined): unknown {
  try {
    settle(wait, relocation, site, timeout, () => '');
  } catch (error) {
    return error;
  }
  return undefined;
}

/**
 * Runs a relocated call in the worker pool and resolves with its result: the caller's event loop stays free
 * while CPU-heavy sync work runs on another core.
 */
export async function desyncInWorker(
  relocation: Relocation,
  args: unknown[],
  site: CallSite = {
    verb: 'desync',
    name: undefined,
    className: undefined,
    coroutine: undefined,
    relocation: undefined,
  },
): Promise<unknown> {
  checkRecursion(relocation, site);
  let host: WorkerHost;
  let call: CallRequest;
  try {
    host = poolWorker(relocation.instance?.constructorArgs);
    call = request(relocation, args, host);
  } catch (error) {
    if (error instanceof StartFailure) return settle(error.outcome, relocation, site, undefined, callerFrames);
    throw error;
  }
  if (relocation.transfer) call.transfer = true;
  let reply: Awaited<ReturnType<WorkerHost['callAsync']>>;
  try {
    reply = await host.callAsync(call, relocation.transfer ? transferablesIn(args) : undefined);
  } catch (error) {
    throw cloneError(error, call, relocation, site);
  }
  replay(reply.output);
  const { outcome } = reply;
  if (outcome.kind === 'deadlock')
    host.abortCall(call.id, encodeReason(errorOf(outcome, relocation, site, undefined))!);
  if (outcome.kind === 'startup' && outcome.retire) host.retire();
  remember(
    host,
    call.target,
    outcome.kind === 'value' ||
      outcome.kind === 'iterator' ||
      (outcome.kind === 'rejected' && outcome.twinBuilt === true),
  );
  if (outcome.kind === 'iterator') {
    // Only the blocking worker keeps iterators for later steps; an offloaded call must give a cloneable result.
    throw new TypeError(
      `asynchro-bridge: ${labelOf(labelFor(site, undefined))}: the offloaded call returned an async iterable, which cannot come back ` +
        `from the worker pool; collect its items into an array in the sync method.`,
    );
  }
  return settle(outcome, relocation, site, undefined, callerFrames);
}
