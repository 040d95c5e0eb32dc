/**
 * Every default asynchro takes from the environment, and every fixed limit it works by (docs/configuration.md lists
 * them). The environment is read once, at load; a bad value is a process warning and the default, never a crash.
 */
import { availableParallelism } from 'node:os';
import { REENTRANCY_POLICIES, type ReentrancyPolicy } from './options.js';

function warn(code: string): (message: string) => void {
  return (message) => process.emitWarning(message, { type: 'AsynchroWarning', code });
}

// ---- From the environment ----

/** `undefined` where it cannot be read: Deno without `--allow-env` throws (test/fixtures/runtimes/probe.mjs). */
export function fromEnvironment(name: string): string | undefined {
  try {
    return process.env[name];
  } catch {
    return undefined;
  }
}

export const MAX_WORKER_SPIN_US = 1000;

/** `ASYNCHRO_WORKER_SPIN_US`, checked: capped at `MAX_WORKER_SPIN_US`, 0 (no spin) with a warning if not a number. */
export function workerSpinMicroseconds(value: string | undefined, report: (message: string) => void): number {
  if (value === undefined || value.trim() === '') return 0;
  const spin = Number(value);
  if (!Number.isFinite(spin) || spin < 0) {
    report(
      `ASYNCHRO_WORKER_SPIN_US must be a number of microseconds from 0 to ${MAX_WORKER_SPIN_US}; got ${JSON.stringify(value)}, so blocked callers do not spin.`,
    );
    return 0;
  }
  if (spin > MAX_WORKER_SPIN_US) {
    report(
      `ASYNCHRO_WORKER_SPIN_US=${value} is capped at ${MAX_WORKER_SPIN_US} microseconds: a longer spin only burns CPU.`,
    );
    return MAX_WORKER_SPIN_US;
  }
  return spin;
}

/**
 * How long a blocked caller checks for the reply before it sleeps (and a worker for the next request). Off by
 * default, since a sync call must never spin; opting in trades CPU for latency (bench: `worker round trip`).
 */
export const WORKER_SPIN_US = workerSpinMicroseconds(
  fromEnvironment('ASYNCHRO_WORKER_SPIN_US'),
  warn('ASYNCHRO_WORKER_SPIN'),
);

/** `ASYNCHRO_REENTRANCY`, checked: a re-entrancy policy, else `'allow'` with a warning. */
export function reentrancyFromEnvironment(
  value: string | undefined,
  report: (message: string) => void,
): ReentrancyPolicy {
  if (value === undefined || value.trim() === '') return 'allow';
  if (REENTRANCY_POLICIES.includes(value as ReentrancyPolicy)) return value as ReentrancyPolicy;
  report(
    `ASYNCHRO_REENTRANCY must be one of ${REENTRANCY_POLICIES.map((p) => `'${p}'`).join(', ')}; got ${JSON.stringify(value)}, so the policy is 'allow'.`,
  );
  return 'allow';
}

export const REENTRANCY_DEFAULT: ReentrancyPolicy = reentrancyFromEnvironment(
  fromEnvironment('ASYNCHRO_REENTRANCY'),
  warn('ASYNCHRO_REENTRANCY'),
);

/** `ASYNCHRO_WORKER_RUNNER`: the worker runner file's path or URL, for bundles; `setWorkerRunner()` wins. */
export const WORKER_RUNNER: string | undefined = fromEnvironment('ASYNCHRO_WORKER_RUNNER') || undefined;

/** The blocking worker and one for offloaded work. */
export const MIN_WORKER_THREADS = 2;
export const DEFAULT_MAX_WORKER_THREADS = 16;

/** `ASYNCHRO_MAX_WORKERS`, checked: a whole number from `MIN_WORKER_THREADS`, else the default with a warning. */
export function maxWorkerThreads(value: string | undefined, report: (message: string) => void): number {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_WORKER_THREADS;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < MIN_WORKER_THREADS) {
    report(
      `ASYNCHRO_MAX_WORKERS must be a whole number of worker threads, at least ${MIN_WORKER_THREADS}; got ${JSON.stringify(value)}, so the limit is ${DEFAULT_MAX_WORKER_THREADS}.`,
    );
    return DEFAULT_MAX_WORKER_THREADS;
  }
  return limit;
}

/** The most worker threads asynchro runs at once in the process, those its workers start included. */
export const MAX_WORKER_THREADS = maxWorkerThreads(
  fromEnvironment('ASYNCHRO_MAX_WORKERS'),
  warn('ASYNCHRO_MAX_WORKERS'),
);

// ---- Fixed limits ----

/**
 * The most pumps in progress on one thread. Each keeps a nested uv_run on the native stack, and one inside an I/O
 * callback also libuv's poll frame; nesting through fs callbacks overflows V8's stack not far past this, so it leaves
 * room for the caller's own frames (test/fixtures/hostile/depth.cjs).
 */
export const MAX_PUMP_DEPTH = 32;

/**
 * A pump whose loop has been idle this long probes V8's platform tasks, and this long after that decides it runs
 * inside a thread-pool completion (strategies/pump/hidden-handles.ts).
 */
export const PROBE_AFTER_MS = 20;
export const PROBE_BOUND_MS = 500;

/**
 * A pump whose event loop is dead polls with doubling waits from 1 ms, so that WebAssembly results and worker replies
 * still arrive; after this last one the deadlock is reported.
 */
export const DEADLOCK_GRACE_LAST_MS = 256;

/** A worker not ready after this long has failed to start. */
export const WORKER_STARTUP_TIMEOUT_MS = 20_000;

/** How often a blocked caller checks that the worker thread still exists. */
export const WORKER_LIVENESS_CHECK_MS = 500;

/**
 * A worker call still pending this long after its target connected to a server on the calling thread is reported
 * as waiting on it (a target that only sends something there has finished by then).
 */
export const SERVED_HERE_GRACE_MS = 1000;

/** How long a worker whose call timed out has to answer a ping before it is stopped as stuck. */
export const WORKER_RESPONSIVE_MS = 100;

/** Workers for offloaded CPU work (`desync`): one per spare core, at least one, at most four. */
export const WORKER_POOL_SIZE = Math.max(1, Math.min(4, availableParallelism() - 1));
