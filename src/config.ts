/**
 * Every default asynchro takes from the environment, and every fixed limit it works by, in one place (the README's
 * "Configuration" table lists them). Environment variables are read once, when asynchro is loaded, and checked
 * here: a bad value is reported as a process warning and the default used, never a crash at import.
 */
import { availableParallelism } from 'node:os';
import { REENTRANCY_POLICIES, type ReentrancyPolicy } from './options.js';

/** Reports a bad environment value: a process warning, so it shows without stopping the program. */
function warn(code: string): (message: string) => void {
  return (message) => process.emitWarning(message, { type: 'AsynchroWarning', code });
}

// ---- From the environment ----

/**
 * One environment variable, or `undefined` where it cannot be read: Deno without `--allow-env` throws `NotCapable`
 * from `process.env`, and loading asynchro must not fail for a setting (test/fixtures/runtimes/probe.mjs).
 */
export function fromEnvironment(name: string): string | undefined {
  try {
    return process.env[name];
  } catch {
    return undefined;
  }
}

/** The most `ASYNCHRO_WORKER_SPIN_US` may ask for: a blocked caller (or the worker) checks at most 1 ms before sleeping. */
export const MAX_WORKER_SPIN_US = 1000;

/**
 * `ASYNCHRO_WORKER_SPIN_US`, checked: a number of microseconds from 0 to `MAX_WORKER_SPIN_US` (more is capped), or
 * 0 (no spin) with a warning for anything that is not a number >= 0.
 */
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
 * At most how long a blocked caller checks for the reply before it sleeps (and a worker for the next request).
 * Off by default: a sync call must never spin. `ASYNCHRO_WORKER_SPIN_US=50` opts in, trading CPU for latency
 * (measured: ~12 µs instead of ~35 µs per round trip, with a core to spare). Never past a call's deadline, so a
 * dead worker costs at most that before the caller sleeps.
 */
export const WORKER_SPIN_US = workerSpinMicroseconds(
  fromEnvironment('ASYNCHRO_WORKER_SPIN_US'),
  warn('ASYNCHRO_WORKER_SPIN'),
);

/**
 * `ASYNCHRO_REENTRANCY`, checked: one of the re-entrancy policies, or `'allow'` with a warning for anything else.
 */
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

/** The re-entrancy policy of calls that choose none, until `setReentrancyPolicy()`. */
export const REENTRANCY_DEFAULT: ReentrancyPolicy = reentrancyFromEnvironment(
  fromEnvironment('ASYNCHRO_REENTRANCY'),
  warn('ASYNCHRO_REENTRANCY'),
);

/**
 * `ASYNCHRO_WORKER_RUNNER`: where the worker runner file is (a path, absolute or from the working directory, or a
 * URL), for bundles; `setWorkerRunner()` takes precedence. Whether it exists is checked when a worker starts.
 */
export const WORKER_RUNNER: string | undefined = fromEnvironment('ASYNCHRO_WORKER_RUNNER') || undefined;

/** The fewest worker threads `ASYNCHRO_MAX_WORKERS` may allow: the blocking worker and one for offloaded work. */
export const MIN_WORKER_THREADS = 2;
export const DEFAULT_MAX_WORKER_THREADS = 16;

/**
 * `ASYNCHRO_MAX_WORKERS`, checked: a whole number from `MIN_WORKER_THREADS`, or the default with a warning for
 * anything else.
 */
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

/**
 * The most worker threads asynchro runs at once in the whole process, those started inside its workers included
 * (the thread that started the first worker sets it for all: strategies/worker/calling/thread-budget.ts). Each costs an
 * event loop, a V8 isolate and the modules it imports; a call that would start one more fails with WorkerLimitError.
 */
export const MAX_WORKER_THREADS = maxWorkerThreads(
  fromEnvironment('ASYNCHRO_MAX_WORKERS'),
  warn('ASYNCHRO_MAX_WORKERS'),
);

// ---- Fixed limits ----

/**
 * The most pumps in progress on one thread. Each keeps a nested uv_run on the native stack; one inside an I/O
 * callback also keeps libuv's poll frame (its 1024-event array), about 16 KB a level. Measured from a shallow
 * stack: nesting through fs callbacks overflowed V8's stack at 50-60 levels (then Node failed in its own code),
 * through setImmediate callbacks it aborted at about 250. 32 leaves room for the caller's own frames.
 */
export const MAX_PUMP_DEPTH = 32;

/**
 * A pump whose loop has had nothing to do for this long probes V8's platform tasks (most waits never get there),
 * and decides this long after that it runs inside a thread-pool completion (see strategies/hidden-handles.ts).
 */
export const PROBE_AFTER_MS = 20;
export const PROBE_BOUND_MS = 500;

/**
 * A pump whose event loop is dead (nothing pending, the work not settled) polls with growing waits, 1, 2, 4 ... ms,
 * so that WebAssembly results and worker replies still arrive; this is the last step: a true deadlock is reported
 * after 1 + 2 + ... + 256 = 511 ms.
 */
export const DEADLOCK_GRACE_LAST_MS = 256;

/** A worker that has not said it is ready after this long is reported as failing to start. */
export const WORKER_STARTUP_TIMEOUT_MS = 20_000;

/** How often a blocked caller checks that the worker thread still exists. */
export const WORKER_LIVENESS_CHECK_MS = 500;

/**
 * A blocking call still pending this long after its target connected to a server on the calling thread is
 * reported as waiting on it (a target that only sends something there and moves on has finished by then).
 */
export const SERVED_HERE_GRACE_MS = 1000;

/** How long a worker whose call timed out has to answer a ping before it is taken for stuck and stopped. */
export const WORKER_RESPONSIVE_MS = 100;

/** Workers for offloaded CPU work (`desync`): one per spare core, at least one, at most four. */
export const WORKER_POOL_SIZE = Math.max(1, Math.min(4, availableParallelism() - 1));
