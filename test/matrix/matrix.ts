/**
 * Runs the context matrix for one strategy: one child process per calling context, at most three at a time,
 * each under a watchdog that names the context and the cells it reached if it hangs.
 */
import { runNode, type ChildResult } from '../helpers/child.js';
import { contexts, type CallingContext, type ContextName } from './contexts.js';
import type { MatrixStrategy, WorkName } from './expectations.js';

export interface ContextRun {
  context: ContextName;
  outcomes: Record<WorkName, unknown>;
  /** CPU time (all threads) and wall time while the cells ran. */
  load: { cpuMs: number; wallMs: number };
  child: ChildResult;
}

const WATCHDOG_MS = 10_000;
const CONCURRENCY = 3;

export async function runContext(
  context: CallingContext,
  strategy: MatrixStrategy,
  watchdogMs = WATCHDOG_MS,
): Promise<ContextRun> {
  const child = await runNode([context.script, strategy.name], { watchdogMs });
  const reached = child.stdout.match(/^reached \S+$/gm)?.map((line) => line.slice('reached '.length)) ?? [];
  const where = `context ${context.name}, strategy ${strategy.name}`;
  if (child.timedOut) {
    throw new Error(
      `${where}: hung, killed by the watchdog after ${watchdogMs} ms; cells reached: ${reached.join(', ') || 'none'} ` +
        `(the last one hung)\nstderr: ${child.stderr}`,
    );
  }
  // findLast: a worker thread's stdout reaches the main thread asynchronously, possibly after the result line
  const last =
    child.stdout
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .pop() ?? '';
  if (!last.startsWith('{')) {
    throw new Error(
      `${where}: no result (exit ${child.code}); cells reached: ${reached.join(', ')}\nstderr: ${child.stderr}`,
    );
  }
  const { _load: load, ...outcomes } = (JSON.parse(last) as { outcomes: Record<string, unknown> }).outcomes;
  return {
    context: context.name,
    outcomes: outcomes as Record<WorkName, unknown>,
    load: load as ContextRun['load'],
    child,
  };
}

/** Runs every context with bounded concurrency; a failed run is kept as its error. */
export async function runMatrix(strategy: MatrixStrategy): Promise<Map<ContextName, ContextRun | Error>> {
  const results = new Map<ContextName, ContextRun | Error>();
  const queue = [...contexts];
  const lane = async (): Promise<void> => {
    for (let context = queue.shift(); context; context = queue.shift()) {
      results.set(context.name, await runContext(context, strategy).catch((error: Error) => error));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return results;
}
