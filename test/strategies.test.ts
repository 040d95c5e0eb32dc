/**
 * One suite for what the two blocking strategies share: the same targets called through the pump (this thread) and
 * the worker (test/fixtures/strategies.cjs, one child process per strategy), with each strategy's expectation side
 * by side where they differ by design. A behaviour added to one strategy belongs here when the other must match it.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runNode, type ChildResult } from './helpers/child.js';

type Strategy = 'pump' | 'worker';
interface Outcome {
  value?: unknown;
  error?: Record<string, unknown>;
  ms: number;
  sameObject?: boolean;
  sameReason?: boolean;
}
type Results = Record<string, Outcome> & {
  leaks: { rssGrowthMb: number; handles: string[] };
  exitDelayMs: number;
};

const fixture = fileURLToPath(new URL('./fixtures/strategies.cjs', import.meta.url));
const runs = {} as Record<Strategy, { child: ChildResult; results: Results }>;

beforeAll(async () => {
  await Promise.all(
    (['pump', 'worker'] as const).map(async (strategy) => {
      const child = await runNode([fixture, strategy], { nodeArgs: ['--expose-gc'], watchdogMs: 30_000 });
      runs[strategy] = { child, results: lastJson<Results>(child) };
    }),
  );
}, 40_000);

/** Expectations of one case: the same for both strategies, or one per strategy, side by side. */
const expected = {
  value: { both: { value: 5 } },
  'custom error class': {
    both: {
      error: {
        className: 'ApiError',
        name: 'ApiError',
        message: 'the API said no',
        status: 503,
        code: 'E_API',
        cause: { className: 'RangeError', message: 'quota exceeded' },
        stackNamesTarget: true, // the target's frames are in the stack (the worker's come back with the error)
        // the pump throws the target's own class; the worker, an error of that class name (the class lives there)
        isTargetsApiError: { pump: true, worker: false },
      },
    },
  },
  'falsy reason': { both: { error: { thrown: 0 } } },
  'plain object reason': {
    both: { error: { thrown: { detail: 'plain object' } } },
    sameObject: { pump: true, worker: false }, // one heap, or a structured clone
  },
  timeout: {
    both: {
      error: { className: 'SyncTimeoutError', code: 'ASYNCHRO_TIMEOUT', timeout: 100, functionName: 'waitsLong' },
    },
    message: {
      pump: 'sync(waitsLong) timed out after 100 ms; its signal (currentSignal()) was aborted with this error: work that passes it on stops, other work goes on in the background, its result discarded. Raise `timeout` or await the work instead.',
      worker:
        "workerSynced(waitsLong) timed out after 100 ms in the worker thread. The worker's event loop still answers, so it was kept, and the call's signal (currentSignal()) was aborted there: work that passes it on stops, other work goes on there, its result discarded.",
    },
  },
  'aborted before the call': { both: { error: { className: 'Error', message: 'cancelled' }, sameReason: true } },
  'never settles': {
    both: { error: { className: 'DeadlockError', code: 'ASYNCHRO_DEADLOCK', functionName: 'neverSettles' } },
    // the pump watches a dead loop 0.5 s (WebAssembly results may still come); the worker knows its loop at once
    withinMs: { pump: 2000, worker: 1000 },
  },
  output: { both: { value: 'shared: done' } },
} as const;

function pick<T>(value: T | { pump: T; worker: T }, strategy: Strategy): T {
  return value !== null && typeof value === 'object' && 'pump' in value && 'worker' in value
    ? value[strategy]
    : (value as T);
}
/** `both`, with per-strategy leaves resolved for `strategy`. */
function resolve(value: unknown, strategy: Strategy): unknown {
  const picked = pick(value, strategy);
  if (picked === null || typeof picked !== 'object' || Array.isArray(picked)) return picked;
  return Object.fromEntries(Object.entries(picked).map(([key, inner]) => [key, resolve(inner, strategy)]));
}

describe.each(['pump', 'worker'] as const)('strategy %s', (strategy) => {
  const results = (): Results => runs[strategy].results;

  it.each(Object.keys(expected) as (keyof typeof expected)[])('%s', (name) => {
    const outcome = results()[name]!;
    const expectation = expected[name] as Record<string, unknown>;
    expect(outcome).toMatchObject(resolve(expectation.both, strategy) as object);
    if ('sameObject' in expectation) expect(outcome.sameObject).toBe(pick(expectation.sameObject, strategy));
    if ('message' in expectation) expect(outcome.error?.message).toBe(pick(expectation.message, strategy));
    if ('withinMs' in expectation) expect(outcome.ms).toBeLessThan(pick(expectation.withinMs as never, strategy));
  });

  it('a timeout ends the call on time', () => {
    expect(results().timeout!.ms).toBeGreaterThanOrEqual(99);
    expect(results().timeout!.ms).toBeLessThan(1500);
  });

  it("the target's console output reaches this process in order (the worker's is replayed)", () => {
    const { stdout, stderr } = runs[strategy].child;
    expect(stdout.split('\n').slice(0, -2)).toEqual(['shared: out 1', 'shared: out 2']);
    expect(stderr).toBe('shared: err 1\n');
  });

  it('no leak: 2,000 more calls (half rejected) grow memory little, leave no handle, and the process exits at once', () => {
    expect(results().leaks.rssGrowthMb).toBeLessThan(20);
    expect(results().leaks.handles).toEqual([]);
    expect(results().exitDelayMs).toBeLessThan(100);
    expect(runs[strategy].child.code).toBe(0);
  });
});
