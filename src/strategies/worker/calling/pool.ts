/**
 * The workers, on the calling thread: the blocking calls' one, the pool for `workerDesynced`, which a call gets, what
 * a timeout does to a worker, and stopping them all.
 */
import { WORKER_POOL_SIZE, WORKER_RESPONSIVE_MS } from '../../../config.js';
import { WorkerHost } from './host.js';
import { moduleUrl, type ModuleReference } from '../wire/module-url.js';
import { useRunner } from './startup.js';

let blockingHost: WorkerHost | undefined;

/**
 * After a timeout: keep the worker when its event loop still answers (the target only waits), so others keep their
 * twins and module state; else stop it, with a process warning saying what that cost.
 */
export function keepAfterTimeout(host: WorkerHost, call: string): boolean {
  if (host.respondsWithin(WORKER_RESPONSIVE_MS)) return true;
  const twins = host.twinCount;
  host.abandon();
  if (twins > 0) {
    process.emitWarning(
      `${call} timed out while the worker thread was stuck in synchronous code, so asynchro stopped that worker. ` +
        `${twins} twin instance(s) and the module state held there are gone: their next calls rebuild twins in a new ` +
        `worker from their constructor arguments and the data fields that cross with each call; anything else the ` +
        `twins or the modules held there is lost.`,
      { type: 'AsynchroWarning', code: 'ASYNCHRO_WORKER_RESTARTED' },
    );
  }
  return false;
}

/** The one worker that blocking calls use; replaced after it exits or is abandoned. */
export function blockingWorker(): WorkerHost {
  if (!blockingHost?.alive) blockingHost = new WorkerHost();
  return blockingHost;
}

/** Offloaded CPU work: up to WORKER_POOL_SIZE workers (one per spare core). */
let pool: WorkerHost[] = [];
/** A caller-side instance keeps using the pool worker that holds its twin. */
const pinnedHosts = new WeakMap<object, WorkerHost>();

export function poolWorker(pin: object | undefined): WorkerHost {
  const pinned = pin && pinnedHosts.get(pin);
  if (pinned?.alive) return pinned;
  if (!pool.every((host) => host.alive)) pool = pool.filter((host) => host.alive); // no new array per call
  let host = pool.find((candidate) => candidate.load === 0);
  if (!host && pool.length < WORKER_POOL_SIZE) pool.push((host = new WorkerHost(0, false)));
  host ??= pool.reduce((least, candidate) => (candidate.load < least.load ? candidate : least));
  if (pin) pinnedHosts.set(pin, host);
  return host;
}

/**
 * Names the worker runner file for workers started from now on: where asynchro's own runner is neither beside its
 * code nor carried in it (docs/bundlers.md). `undefined` restores the default lookup.
 * The `ASYNCHRO_WORKER_RUNNER` environment variable does the same without code.
 */
export function setWorkerRunner(location: ModuleReference | undefined): void {
  useRunner(location === undefined ? undefined : moduleUrl(location));
}

/** Stops every worker asynchro started. Later calls start new ones. */
export async function terminateWorkers(): Promise<void> {
  const hosts = liveHosts();
  blockingHost = undefined;
  pool = [];
  await Promise.all(hosts.map((host) => host.terminate()));
}

/** Every worker asynchro runs now. */
export function liveHosts(): WorkerHost[] {
  return [blockingHost, ...pool].filter((host): host is WorkerHost => host !== undefined);
}
