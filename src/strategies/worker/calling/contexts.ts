/**
 * Worker contexts, on the calling thread: carriers of the caller's async context (OpenTelemetry, a request id) that
 * `addWorkerContext` registers and each worker call captures; thread/targets.ts re-enters them.
 */
import { checkFunction, checkOptions } from '../../../options.js';
import type { ContextSpec } from '../wire/protocol.js';
import { moduleUrl, type ModuleReference } from '../wire/module-url.js';

/**
 * Carries a piece of the caller's async context into the worker. On each call `capture()` runs on the calling
 * thread and must return a structured-cloneable value; in the worker, `module`'s export `exportName` (default
 * `enter`) is called as `enter(value, run)` and must call `run()` inside the re-entered context and return what
 * it returns (a value or a promise).
 */
export interface WorkerContext {
  /** For messages, e.g. `'otel'`. */
  name?: string;
  capture: () => unknown;
  module: ModuleReference;
  exportName?: string;
  /** Allow a `module` that is not a `file:` URL or absolute path. Default false. */
  allowNonFileModule?: boolean;
}

interface RegisteredContext {
  name: string;
  capture: () => unknown;
  module: string;
  exportName: string;
}

const contexts: RegisteredContext[] = [];
const NO_CONTEXTS: ContextSpec[] = [];

/** Registers a context carrier for every worker call (blocking and offloaded). Returns a function that removes it. */
export function addWorkerContext(context: WorkerContext): () => void {
  const read = checkOptions<WorkerContext>(context, 'addWorkerContext(context)', [
    'name',
    'capture',
    'module',
    'exportName',
    'allowNonFileModule',
  ]);
  checkFunction(read.capture, 'addWorkerContext(context)', 'context.capture');
  const registered: RegisteredContext = {
    name: read.name ?? `#${contexts.length}`,
    capture: read.capture!,
    module: moduleUrl(read.module!, read.allowNonFileModule),
    exportName: read.exportName ?? 'enter',
  };
  contexts.push(registered);
  return () => {
    const index = contexts.indexOf(registered);
    if (index >= 0) contexts.splice(index, 1);
  };
}

export function captureContexts(): ContextSpec[] {
  if (contexts.length === 0) return NO_CONTEXTS;
  return contexts.map(({ capture, module, exportName }) => ({ module, exportName, value: capture() }));
}

/** The name of the context carrier whose value was the `index`-th of a call's contexts, for messages. */
export function contextName(index: number): string {
  return contexts[index]?.name ?? String(index);
}
