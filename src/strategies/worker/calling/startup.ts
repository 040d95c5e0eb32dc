/**
 * Starting a worker, on the calling thread: where the runner is, and the bootstrap, which reports its own failure
 * (the blocked caller cannot receive the Worker's 'error' event).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MessagePort, Worker } from 'node:worker_threads';
import { fromEnvironment, WORKER_RUNNER } from '../../../config.js';
import { workerThreads } from '../../lazy-builtins.js';
import { hasScheme } from '../wire/module-url.js';
import { encodeReason } from '../wire/codec.js';
import { preloadsOf } from './preloads.js';
import { REPLIES, THREAD, type Outcome, type WorkerData } from '../wire/protocol.js';
import { claimThread, recordThread, releaseThread, threadLimit } from './thread-budget.js';

/** This module's URL: in asynchro's CommonJS bundle, the bundle's (scripts/bundle.mjs defines it). */
const here: string = import.meta.url;

/** The worker runner as a `data:` URL: scripts/bundle.mjs writes it into asynchro's CommonJS bundle. */
declare const ASYNCHRO_RUNNER_DATA_URL: string;
const EMBEDDED_RUNNER = typeof ASYNCHRO_RUNNER_DATA_URL === 'string' ? ASYNCHRO_RUNNER_DATA_URL : '';

/** The worker could not be started; `outcome` is what the call reports. */
export class StartFailure extends Error {
  constructor(readonly outcome: Extract<Outcome, { kind: 'startup' }>) {
    super(outcome.message);
  }
}

let configuredRunner: string | undefined;

/** Names the runner file for workers started from now on (`undefined`: back to the default lookup). */
export function useRunner(url: string | undefined): void {
  configuredRunner = url;
}

/** A URL as is; a path, absolute or from the working directory, as a file: URL. */
function asUrl(location: string): string {
  return hasScheme(location) && !isAbsolute(location) ? location : pathToFileURL(resolve(location)).href;
}

/** The runner file, with what to say when it is not there: how it was found, and what to do. */
interface RunnerLocation {
  url: string;
  found: string;
  advice: string;
}

export function runnerLocation(): RunnerLocation {
  const configured = configuredRunner ?? WORKER_RUNNER;
  if (configured) {
    const by = configuredRunner ? 'setWorkerRunner()' : 'ASYNCHRO_WORKER_RUNNER';
    return {
      url: asUrl(configured),
      found: ` (named by ${by})`,
      advice: `Give ${by} the path or file: URL of the 'asynchro-bridge/worker-runner' entry point.`,
    };
  }
  if (/\/strategies\/worker\/calling\/startup\.js$/.test(here)) {
    return {
      url: new URL('../runner.js', here).href,
      found: '',
      advice: 'The installed package is incomplete: reinstall asynchro-bridge.',
    };
  }
  if (/\/src\/strategies\/worker\/calling\/startup\.ts$/.test(here)) return builtRunner();
  // asynchro's own dist/index.cjs, installed: the runner file beside it (source maps, real paths in stack traces).
  const besideOwnBundle = new URL('./asynchro-runner.js', here).href;
  if (here.endsWith('/index.cjs') && existsSync(fileURLToPath(besideOwnBundle))) {
    return {
      url: besideOwnBundle,
      found: '',
      advice: 'The installed package is incomplete: reinstall asynchro-bridge.',
    };
  }
  // Bundled into an application: the runner's copy that asynchro's code carries, which no bundler can leave behind,
  // move or rewrite (it is a string to them). It always matches the code that starts it.
  return { url: EMBEDDED_RUNNER, found: '', advice: '' };
}

/** Run from source, the worker runs the build's runner, which must not be older than the sources. */
function builtRunner(): RunnerLocation {
  const sourceDir = fileURLToPath(new URL('../', here));
  const url = here.replace('/src/strategies/worker/calling/startup.ts', '/dist/strategies/worker/runner.js');
  const location = {
    url,
    found: ` (run from source, asynchro uses the build's runner)`,
    advice: 'Run `npm run build` first.',
  };
  const built = fileURLToPath(url);
  if (!existsSync(built)) return location;
  const newer = newerSources(sourceDir, built);
  if (newer.length === 0) return location;
  const error =
    `asynchro runs from source, and the build's worker runner (${built}) is older than ${newer.join(', ')} in ` +
    `${sourceDir}: run \`npm run build\`, so that the worker does not run an old runner.`;
  throw new StartFailure({ kind: 'startup', message: `the worker thread could not start: ${error}`, module: url });
}

/** The `.ts` files in `sourceDir` and the folders under it (thread/, wire/) changed after `built` was written. */
export function newerSources(sourceDir: string, built: string): string[] {
  const builtAt = statSync(built).mtimeMs;
  return readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && statSync(join(sourceDir, file)).mtimeMs > builtAt,
  );
}

// The bootstrap

/**
 * Always loadable (no file, import or `require`: a classic script, or a module under `--input-type=module`), and
 * traceless in the worker's globals. A failure is posted as a start-up reply for every call (id 0).
 */
const BOOTSTRAP = `
// An eval worker gets CommonJS globals (require, module...) as \`node -e\` does: modules must not see them.
for (const name of ['require', 'module', 'exports', '__filename', '__dirname']) delete globalThis[name];
const { workerData } = process.getBuiltinModule('node:worker_threads');
const { createRequire } = process.getBuiltinModule('node:module');
const { state, port, startup } = workerData;
let step = { what: '', module: '' };
const fail = (error, message = error?.message ?? String(error)) => {
  const cause = error !== null && typeof error === 'object'
    ? { kind: 'error', className: error.constructor?.name ?? 'Error', name: String(error.name), message: String(error.message),
        stack: String(error.stack), props: error.code === undefined ? {} : { code: error.code } }
    : { kind: 'value', value: error };
  const outcome = { kind: 'startup', module: step.module, cause,
    message: 'the worker thread could not start: it failed to load ' + step.what + ': ' + message };
  port.postMessage({ id: 0, outcome, output: [] });
  Atomics.add(state, ${REPLIES}, 1);
  Atomics.notify(state, ${REPLIES});
};
// process.exit() in a preload, or a top-level await that never settles (the thread then runs out of work)
const exitWhileLoading = (code) => fail(undefined, code === 0
  ? 'the worker thread ran out of work before it finished (a top-level await that never settles?)'
  : 'the worker thread exited with code ' + code + ' before it finished (process.exit?)');
process.once('exit', exitWhileLoading);
(async () => {
  for (const preload of startup.preloads) {
    if (preload.import) {
      step = { what: 'the --import preload ' + preload.import, module: preload.import };
      await import(preload.import);
    } else {
      step = { what: preload.register + ' (to call its register())', module: preload.register };
      const api = preload.by === 'import' ? await import(preload.register) : createRequire(preload.register)(preload.register);
      api.register();
    }
  }
  step = { what: "asynchro's worker runner " + startup.runnerName, module: startup.runnerName };
  await import(startup.runner);
  process.off('exit', exitWhileLoading);
})().catch((error) => {
  process.off('exit', exitWhileLoading);
  fail(error);
});
`;

/** Node's refusal to start a thread, for the message: its code and message. */
function refusal(error: unknown): string {
  try {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return [code, message].filter((part) => typeof part === 'string').join(': ') || String(error);
  } catch {
    return 'an error that cannot be described';
  }
}

/**
 * Starts a worker that loads the caller's `--import` preloads, then the runner; throws StartFailure at once when the
 * runner is missing or no thread is left (thread-budget.ts).
 */
export function startWorker(data: Omit<WorkerData, 'port'>, port: MessagePort): Worker {
  const { url, found, advice } = runnerLocation();
  if (url.startsWith('file:') && !existsSync(fileURLToPath(url))) {
    const error = `asynchro's worker runner was not found at ${fileURLToPath(url)}${found}. ${advice}`;
    throw new StartFailure({ kind: 'startup', message: `the worker thread could not start: ${error}`, module: url });
  }
  const slot = claimThread();
  if (slot === undefined) {
    const limit = threadLimit();
    throw new StartFailure({
      kind: 'startup',
      message:
        `no worker thread could start: asynchro already runs ${limit} worker threads in this process, the most it ` +
        `may (counting those its workers started: a target in a worker whose blocking call moves to another worker ` +
        `starts one thread per level). If the program needs more at once, raise the limit with the environment ` +
        `variable ASYNCHRO_MAX_WORKERS (read at start-up); if not, look for worker calls that nest without end.`,
      limit,
    });
  }
  const runnerName = url.startsWith('data:') ? "(the copy inside asynchro's code)" : url;
  const startup = {
    runner: url,
    runnerName,
    preloads: preloadsOf(process.execArgv, fromEnvironment('NODE_OPTIONS'), process.cwd()),
  };
  const before = threadIds();
  let worker: Worker;
  try {
    worker = new (workerThreads().Worker)(BOOTSTRAP, {
      eval: true,
      workerData: { ...data, port, startup },
      transferList: [port],
    });
  } catch (error) {
    releaseThread(slot);
    // Node refused to start a thread: under --permission without --allow-worker, ERR_ACCESS_DENIED
    const code = (error as { code?: unknown })?.code;
    const advice =
      code === 'ERR_ACCESS_DENIED'
        ? ' The process runs under the permission model without --allow-worker: add that flag, or use the loop pump ' +
          "(strategy 'pump', with --allow-addons for its native engine) where the calling context allows it."
        : '';
    throw new StartFailure({
      kind: 'startup',
      message: `the worker thread could not start: Node refused to start one (${refusal(error)}).${advice}`,
      ...(encodeReason(error) && { cause: encodeReason(error) }),
    });
  }
  worker.once('exit', () => releaseThread(slot));
  // The new OS thread, so that a blocked caller notices it vanish even before the runner runs (Linux).
  const started = threadIds().filter((id) => !before.includes(id));
  if (started.length === 1) {
    Atomics.store(data.state, THREAD, Number(started[0]));
    recordThread(slot, Number(started[0]));
  }
  return worker;
}

function threadIds(): string[] {
  try {
    return readdirSync('/proc/self/task');
  } catch {
    return [];
  }
}
