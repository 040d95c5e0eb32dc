/**
 * Issue 13 §3: an SDK's own test suite imports its TypeScript source and calls `fooSync()` from a test body (a
 * microtask, so the worker path): the worker must load `src/client.ts` the way the test process does. The SDK is
 * test/toolchains/fixtures/sdk; its vitest suite and a node:test file run as real processes under a watchdog.
 *
 * Per Node major, explicitly: tsx carries on every major (on majors that strip types, with stripping turned off,
 * so that tsx really does the work); with no loader, Node 22.18+ strips types itself, while Node 20 cannot load
 * `.ts` and the call fails at once, saying what to do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runNode, type ChildResult } from '../helpers/child.js';

const sdk = join(repoRoot, 'test/toolchains/fixtures/sdk');
const vitest = join(repoRoot, 'node_modules/vitest/vitest.mjs');
/** 'strip' where Node strips types (22.18+, 23.6+; 22.6+ with the flag); undefined on Node 20. */
const stripsTypes = Boolean((process.features as { typescript?: string | false }).typescript);
const noStripping = stripsTypes ? ' --no-experimental-strip-types' : '';
const withTsx = `--import tsx${noStripping}`;

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { failureMessages: string[] }[] }[];
}

let counter = 0;

async function sdkVitest(nodeOptions: string, pool = 'forks'): Promise<{ result: ChildResult; report: VitestReport }> {
  const outputFile = join(repoRoot, '.tmp', `sdk-vitest-${process.pid}-${counter++}.json`);
  const result = await runNode(
    [vitest, 'run', '--root', sdk, `--pool=${pool}`, '--reporter=json', `--outputFile=${outputFile}`],
    {
      env: { ...process.env, NODE_OPTIONS: nodeOptions },
      watchdogMs: 90_000,
    },
  );
  expect(result.timedOut).toBe(false);
  return { result, report: JSON.parse(readFileSync(outputFile, 'utf8')) as VitestReport };
}

const failures = (report: VitestReport) =>
  report.testResults.flatMap((file) => file.assertionResults.flatMap((test) => test.failureMessages));

describe(`an SDK's vitest suite importing .ts source, on Node ${process.versions.node}`, () => {
  it.each(['forks', 'threads'])(
    `under tsx (NODE_OPTIONS='${withTsx}'), pool %s: greetSync() works on the worker path`,
    async (pool) => {
      const { result, report } = await sdkVitest(withTsx, pool);
      expect(failures(report)).toEqual([]);
      expect(report.numPassedTests).toBe(1);
      expect(result.code).toBe(0);
    },
  );

  if (stripsTypes) {
    it('with no loader, under Node type stripping: greetSync() works on the worker path', async () => {
      const { result, report } = await sdkVitest('');
      expect(failures(report)).toEqual([]);
      expect(report.numPassedTests).toBe(1);
      expect(result.code).toBe(0);
    });
  } else {
    it('with no loader, on a Node without type stripping: WorkerStartupError at once, saying how to load TypeScript', async () => {
      const { report } = await sdkVitest('');
      expect(report.numFailedTests).toBe(1);
      const [failure = ''] = failures(report);
      expect(failure).toContain('WorkerStartupError: greetSync(ClientAsync.agreet): the worker could not load file://');
      expect(failure).toContain('Unknown file extension ".ts"');
      expect(failure).toContain(
        `start the process with a TypeScript loader (NODE_OPTIONS='--import tsx'), or let Node strip types`,
      );
      // The page it names is shipped with the package and covers TypeScript sources on the worker path.
      expect(failure).toContain('See docs/toolchains.md in asynchro-bridge.');
      expect(readFileSync(join(repoRoot, 'docs/toolchains.md'), 'utf8')).toContain('## TypeScript sources');
    });
  }
});

describe(`the same SDK under node:test, on Node ${process.versions.node}`, () => {
  const file = join(sdk, 'test/client.node-test.ts');
  it(`under tsx (NODE_OPTIONS='${withTsx}')`, async () => {
    const result = await runNode(['--test', file], {
      env: { ...process.env, NODE_OPTIONS: withTsx },
      watchdogMs: 60_000,
    });
    expect(result.stdout).toMatch(/\bpass 1\b/);
    expect(result.code).toBe(0);
  });

  if (stripsTypes) {
    it('with no loader, under Node type stripping', async () => {
      const result = await runNode(['--test', file], { watchdogMs: 60_000 });
      expect(result.stdout).toMatch(/\bpass 1\b/);
      expect(result.code).toBe(0);
    });
  }
});
