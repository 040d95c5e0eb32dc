/**
 * The pump inside real test runners (`asynchro-bridge/testing`): jest 30, vitest 4 and 5 (every pool), node:test and
 * mocha 12 each run their folder of test/fixtures/runners/ as a child process under a watchdog, one invocation per
 * runner. In every fixture, getSync in a pumped test body must take the pump and use the test's own mocks and spies
 * (the fixtures assert it through collectStats and the mocks' calls), in CommonJS and ES module test files, sync and
 * async bodies, fake timers on and off; a body run without it must not; an assertion failure and a runner timeout in a
 * pumped body fail that test, the failure's stack names the fixture's line, and the runner goes on.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { satisfies } from 'semver';
import { describe, expect, it } from 'vitest';
import { repoRoot, runNode } from './helpers/child.js';

const fixtures = join(repoRoot, 'test/fixtures/runners');
const bin = (path: string): string => join(repoRoot, 'node_modules', path);
const tmp = join(repoRoot, '.tmp');

/** Both vitest majors, each over the same folder: 4 (the repo's own runner) and 5 (the devDependency `vitest5`). */
const VITESTS = ['vitest', 'vitest5'].map((path) => {
  const { version, engines } = JSON.parse(readFileSync(bin(`${path}/package.json`), 'utf8')) as {
    version: string;
    engines: { node: string };
  };
  return { major: Number(version.split('.')[0]), path, engines: engines.node };
});
mkdirSync(tmp, { recursive: true });

interface Outcome {
  file: string;
  name: string;
  status: 'passed' | 'failed';
  failure?: string;
  durationMs: number;
}

/** What every fixture file reports, by test name, whatever the runner's spelling of nested names. */
const EXPECTED: [RegExp, Outcome['status']][] = [
  [/real timers.*\bsync body|\bsync body.*real timers/, 'passed'],
  [/real timers.*async body|async body.*real timers/, 'passed'],
  [/(fake|mock) timers.*\bsync body|\bsync body.*(fake|mock) timers/, 'passed'],
  [/(fake|mock) timers.*async body|async body.*(fake|mock) timers/, 'passed'],
  [/without pumped/, 'passed'],
  [/an assertion failure in a pumped body fails the test/, 'failed'],
  [/the runner's timeout fails a test whose getSync still waits/, 'failed'],
  [/the runner goes on meanwhile/, 'passed'],
];

/** The line of a fixture that its assertion failure must name in the stack. */
function failingLine(file: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.findIndex((line) => line.includes('// fails, with this line in the stack')) + 1;
}

/** Checks one fixture file's outcomes against EXPECTED, its assertion failure's stack, and its timeout's message. */
function expectFile(outcomes: Outcome[], file: string, timedOut: RegExp): void {
  const mine = outcomes.filter((outcome) => outcome.file === file);
  expect(mine).toHaveLength(EXPECTED.length);
  for (const [name, status] of EXPECTED) {
    expect(mine.filter((outcome) => name.test(outcome.name)).map((outcome) => outcome.status)).toEqual([status]);
  }
  const assertion = mine.find((outcome) => /an assertion failure/.test(outcome.name))!;
  expect(assertion.failure).toContain(`${basename(file)}:${failingLine(file)}:`);
  const timeout = mine.find((outcome) => /the runner's timeout/.test(outcome.name))!;
  expect(timeout.failure).toMatch(timedOut);
  expect(timeout.durationMs).toBeLessThan(900); // at the runner's 200 ms, not when the blocked call ended (1 s)
}

/** The docs' example files (docs/testing.md shows each as it is): every test in them passes. */
function expectExamplesPass(outcomes: Outcome[], files: string[]): void {
  const examples = outcomes.filter((outcome) => files.includes(outcome.file));
  expect(examples.length).toBeGreaterThan(0);
  expect(examples.filter((outcome) => outcome.status !== 'passed')).toEqual([]);
}

interface JestLikeReport {
  testResults: {
    name: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[]; duration: number }[];
  }[];
}
const jestLikeOutcomes = (report: JestLikeReport): Outcome[] =>
  report.testResults.flatMap(({ name: file, assertionResults }) =>
    assertionResults.map(({ fullName, status, failureMessages, duration }) => ({
      file,
      name: fullName,
      status: status as Outcome['status'],
      failure: failureMessages.join('\n') || undefined,
      durationMs: duration,
    })),
  );

describe(`test runners on Node ${process.versions.node}: pumped test bodies use the test's mocks`, () => {
  it('jest 30: CommonJS (pumped) and ES module (pumpedTests) test files, fake timers from the start too', async () => {
    const dir = join(fixtures, 'jest');
    const outputFile = join(tmp, `runners-jest-${process.pid}.json`);
    const child = await runNode(
      [bin('jest/bin/jest.js'), '--config', join(dir, 'jest.config.cjs'), '--json', `--outputFile=${outputFile}`],
      { nodeArgs: ['--experimental-vm-modules'], watchdogMs: 60_000, cwd: dir },
    );
    expect(child.timedOut).toBe(false);
    const outcomes = jestLikeOutcomes(JSON.parse(readFileSync(outputFile, 'utf8')) as JestLikeReport);
    for (const file of ['pets.test.cjs', 'pets.test.mjs'])
      expectFile(outcomes, join(dir, file), /Exceeded timeout of 200 ms/);
    expectExamplesPass(outcomes, [join(dir, 'example.test.cjs'), join(dir, 'example.test.mjs')]);
    // the CommonJS example ran twice: the second time with fake timers from the start (fakeTimers.enableGlobally)
    expect(outcomes.filter((outcome) => outcome.file === join(dir, 'example.test.cjs'))).toHaveLength(2);
    expect(child.code).toBe(1); // the fixtures' expected failures
  });

  for (const { major, path, engines } of VITESTS) {
    const name = `vitest ${major}: CommonJS (globals, pumped) and ES module (pumpedTests) test files, in all four pools`;
    // A platform limit, not a skipped case: vitest 5 does not run on Node 20, and CI runs this on 22, 24 and 26 too.
    const supported = satisfies(process.versions.node, engines);
    it.skipIf(!supported)(supported ? name : `${name} (skipped: vitest ${major} needs Node ${engines})`, async () => {
      const dir = join(fixtures, 'vitest');
      const outputFile = join(tmp, `runners-vitest${major}-${process.pid}.json`);
      const child = await runNode(
        [bin(`${path}/vitest.mjs`), 'run', '--root', dir, '--reporter=json', `--outputFile=${outputFile}`],
        { watchdogMs: 90_000 },
      );
      expect(child.timedOut).toBe(false);
      const report = JSON.parse(readFileSync(outputFile, 'utf8')) as JestLikeReport;
      for (const file of ['pets.spec.cjs', 'pets.spec.mjs']) {
        const runs = report.testResults.filter((result) => result.name === join(dir, file));
        expect(runs).toHaveLength(4); // once per pool
        // vitest's JSON report keeps only the stack of a timeout
        const timedOut = /timed out in 200ms|STACK_TRACE_ERROR/;
        for (const run of runs) expectFile(jestLikeOutcomes({ testResults: [run] }), join(dir, file), timedOut);
      }
      const example = join(dir, 'example.spec.mjs');
      const examples = jestLikeOutcomes(report).filter((outcome) => outcome.file === example);
      expect(examples).toHaveLength(4); // once per pool
      expectExamplesPass(examples, [example]);
      expect(child.code).toBe(1);
    });
  }

  it('node:test: CommonJS (pumped) and ES module (pumpedTests) test files', async () => {
    const dir = join(fixtures, 'node-test');
    // One process per file: node:test names the file of a test made through pumpedTests as asynchro's own
    await Promise.all(
      ['pets.test.cjs', 'pets.test.mjs', 'example.test.cjs'].map(async (name) => {
        const file = join(dir, name);
        const child = await runNode([`--test-reporter=${join(dir, 'reporter.mjs')}`, file], { watchdogMs: 60_000 });
        expect(child.timedOut).toBe(false);
        const outcomes = child.stdout
          .trim()
          .split('\n')
          .map((line) => ({ ...(JSON.parse(line) as Outcome), file }));
        if (name.startsWith('example')) return expectExamplesPass(outcomes, [file]);
        expectFile(outcomes, file, /timed out after 200ms/);
        expect(child.code).toBe(1);
      }),
    );
  });

  it('mocha 12: CommonJS (pumped) and ES module (pumpedTests) spec files', async () => {
    const dir = join(fixtures, 'mocha');
    const child = await runNode(
      [
        bin('mocha/bin/mocha.js'),
        '--reporter',
        'json',
        ...['pets.spec.cjs', 'pets.spec.mjs', 'example.spec.cjs'].map((file) => join(dir, file)),
      ],
      { watchdogMs: 60_000 },
    );
    expect(child.timedOut).toBe(false);
    const report = JSON.parse(child.stdout) as {
      tests: { file: string; fullTitle: string; duration: number; err: { stack?: string; message?: string } }[];
    };
    const outcomes = report.tests.map(({ file, fullTitle, duration, err }) => ({
      file,
      name: fullTitle,
      status: err.message === undefined ? 'passed' : 'failed',
      failure: err.stack,
      durationMs: duration,
    })) as Outcome[];
    for (const file of ['pets.spec.cjs', 'pets.spec.mjs'])
      expectFile(outcomes, join(dir, file), /Timeout of 200ms exceeded/);
    expectExamplesPass(outcomes, [join(dir, 'example.spec.cjs')]);
    expect(child.code).toBe(4); // mocha exits with the number of failures: two a file
  });

  it('docs/testing.md shows each example file as it is', () => {
    const docs = readFileSync(join(repoRoot, 'docs/testing.md'), 'utf8');
    const shown = [...docs.matchAll(/<!-- (test\/fixtures\/runners\/\S+) -->\n```js\n([\s\S]*?)```/g)];
    expect(shown.map(([, path]) => path)).toEqual([
      'test/fixtures/runners/jest/example.test.cjs',
      'test/fixtures/runners/jest/example.test.mjs',
      'test/fixtures/runners/vitest/example.spec.mjs',
      'test/fixtures/runners/node-test/example.test.cjs',
      'test/fixtures/runners/mocha/example.spec.cjs',
    ]);
    for (const [, path, code] of shown) expect(code).toBe(readFileSync(join(repoRoot, path!), 'utf8'));
  });
});
