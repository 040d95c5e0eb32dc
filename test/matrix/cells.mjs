/**
 * The runtime of a context-matrix script: runs every work through a strategy's `blockOn` and describes each
 * outcome as plain JSON (value, or the error's class, message and identity checks), so the test can compare it
 * with its expectation table.
 */
import { fileURLToPath } from 'node:url';
import * as asynchro from 'asynchro';
import * as works from '../fixtures/works.mjs';

export { startLoopbackServer } from '../fixtures/loopback-server.mjs';

export const worksUrl = new URL('../fixtures/works.mjs', import.meta.url).href;
export const textFile = fileURLToPath(new URL('../fixtures/hello.txt', import.meta.url));

/** [work name, arguments], in the order they run; `never` runs last since it may end the run. */
export const cells = (port) => [
  ['microtasks', []],
  ['immediate', []],
  ['timer', [20]],
  ['readText', [textFile]],
  ['httpGet', [port, '/matrix']],
  ['workerReply', ['matrix']],
  ['wasmCompile', []],
  ['firstFetch', [port, '/fetch']],
  ['rejectCustom', []],
  ['rejectZero', []],
  ['rejectUndefined', []],
  ['never', []],
];

/**
 * Runs every cell in the caller's context and returns `{ [work]: outcome }`. Before each cell it prints
 * `reached <work>` (stdout to a pipe is synchronous), so a watchdog can tell where a run hung.
 */
export function runCells(blockOn, port) {
  const outcomes = {};
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const [name, args] of cells(port)) {
    process.stdout.write(`reached ${name}\n`);
    try {
      const value = blockOn({ asynchro, works, worksUrl, name, args });
      outcomes[name] = { status: 'fulfilled', value, started: works.started.has(name) };
    } catch (reason) {
      outcomes[name] = { status: 'rejected', ...describeReason(name, reason), started: works.started.has(name) };
    }
  }
  // CPU time of the whole process (every thread) while the cells ran, beside the wall time: a spinning pump burns
  // as much CPU as wall time, a sleeping one next to none
  const used = process.cpuUsage(cpu);
  outcomes[LOAD] = { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - started };
  return outcomes;
}

/** The key under which `runCells` reports the CPU and wall time of the run. */
export const LOAD = '_load';

function describeReason(name, reason) {
  if (reason === null || (typeof reason !== 'object' && typeof reason !== 'function')) {
    // JSON has no `undefined`: the type says it
    return { type: typeof reason, value: reason ?? null, identical: Object.is(reason, works.thrown.get(name)) };
  }
  return {
    type: typeof reason,
    className: reason.constructor?.name,
    name: reason.name,
    message: reason.message,
    identical: works.thrown.has(name) ? reason === works.thrown.get(name) : undefined,
    isWorkError: reason instanceof works.WorkError,
    isAsynchroError: reason instanceof asynchro.AsynchroError,
    functionName: reason.functionName,
    code: reason.code,
    cause: reason.cause instanceof Error ? `${reason.cause.name}: ${reason.cause.message}` : undefined,
  };
}

/** Prints the final JSON line the test reads. */
export function finish(outcomes) {
  process.stdout.write(`${JSON.stringify({ outcomes })}\n`);
}
