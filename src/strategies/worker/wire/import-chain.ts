/**
 * Recursion through imports, on both threads: a call that would start a worker for a module a worker is importing is
 * refused (test/fixtures/recursion/same-file.mjs). The list is worker_threads environment data.
 */
import { fileURLToPath } from 'node:url';
import { WorkerRecursionError } from '../../../errors.js';
import { workerThreads } from '../../lazy-builtins.js';
import { labelFor, labelOf } from '../../call-label.js';
import type { CallSite, Relocation } from '../../relocation.js';
import { moduleUrl } from './module-url.js';

const KEY = 'asynchro-bridge:importing';

/** The modules being imported by the workers that started this thread (read once: they stay blocked meanwhile). */
let inherited: readonly string[] | undefined;
/** This thread's own imports in progress (the runner's). */
const own: string[] = [];

function modulesBeingImported(): readonly string[] {
  return (workerThreads().getEnvironmentData(KEY) as readonly string[] | undefined) ?? [];
}

/** The runner: imports `url` with `load`, listing it as being imported meanwhile (for workers started from it). */
export async function importing<T>(url: string, load: () => Promise<T>): Promise<T> {
  inherited ??= modulesBeingImported();
  own.push(url);
  workerThreads().setEnvironmentData(KEY, [...inherited, ...own]);
  try {
    return await load();
  } finally {
    own.splice(own.indexOf(url), 1);
    workerThreads().setEnvironmentData(KEY, [...inherited, ...own]);
  }
}

let mainThread: boolean | undefined;

/**
 * Throws WorkerRecursionError for a call that would start a worker for a module that a worker is importing; on the
 * main thread, where no worker import is in progress, it only reads a flag.
 */
export function checkRecursion(relocation: Relocation, site: CallSite): void {
  mainThread ??= workerThreads().isMainThread;
  if (mainThread) return;
  const module = moduleUrl(relocation.module, true);
  if (!modulesBeingImported().includes(module)) return;
  const exportName = relocation.exportName ?? 'default';
  const call = labelFor(site, undefined);
  throw new WorkerRecursionError(`${labelOf(call)}: ${recursionAdvice(module, exportName)}`, module, exportName, {
    functionName: call.functionName,
  });
}

/** What the recursion error says after its label, on whichever thread it is thrown. */
export function recursionAdvice(module: string, exportName: string): string {
  const file = module.startsWith('file:') ? fileURLToPath(module) : module;
  return (
    `${file} makes this blocking call while asynchro's worker thread is importing it (at its top level, or in ` +
    `something its import runs), and the call would start another worker to import ${file} again, without end. ` +
    `Move ${exportName} into a module without side effects, one that only defines and exports it, and import that ` +
    `module where the call is made.`
  );
}
