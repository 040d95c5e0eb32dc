import { beforeAll, describe, expect, it } from 'vitest';
import { contexts, type ContextName } from './contexts.js';
import type { MatrixStrategy, WorkName } from './expectations.js';
import { runMatrix, type ContextRun } from './matrix.js';

const works: WorkName[] = [
  'microtasks',
  'immediate',
  'timer',
  'readText',
  'httpGet',
  'workerReply',
  'wasmCompile',
  'firstFetch',
  'rejectCustom',
  'rejectZero',
  'rejectUndefined',
  'never',
];

/** One suite per strategy: a test per calling context, asserting every cell, a clean stderr and a prompt exit. */
export function describeContextMatrix(strategy: MatrixStrategy): void {
  describe(`context matrix, strategy '${strategy.name}'`, () => {
    let runs: Map<ContextName, ContextRun | Error>;
    beforeAll(async () => {
      runs = await runMatrix(strategy);
    });

    for (const context of contexts) {
      it(context.name, () => {
        const run = runs.get(context.name);
        if (run instanceof Error || run === undefined) throw run ?? new Error(`no run for ${context.name}`);
        const expected = Object.fromEntries(works.map((work) => [work, strategy.expected(context.name, work)]));
        expect(run.outcomes).toEqual(expected);
        // no spin where the calls pump: the cells wait most of the time (a dead loop 0.5 s, timers, the echo
        // thread, upstream); a spinning pump would burn about as much CPU as wall time
        if (strategy.pumps?.(context.name)) expect(run.load.cpuMs).toBeLessThan(run.load.wallMs * 0.5);
        // no warning, no unhandled rejection; the process ended by itself (no leaked handle) and cleanly
        expect(run.child.stderr).toBe('');
        expect(run.child.code).toBe(0);
      });
    }
  });
}
