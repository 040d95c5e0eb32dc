import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode, type RunOptions } from '../helpers/child.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/reentrancy/${name}`, import.meta.url));
/** test/fixtures/reentrancy/scenario.cjs under a policy (none: the default policy), see its opening comment. */
const scenario = async (policy: 'allow' | 'warn' | 'throw' | undefined, options: RunOptions = {}): Promise<Outcomes> =>
  lastJson<Outcomes>(await runNode([fixture('scenario.cjs'), ...(policy ? [policy] : [])], options));

interface Outcomes {
  outer: string;
  foreign: string;
  first: string;
  sameInstance: string;
  warnings: { name: string; code: string; message: string }[];
}

describe('re-entrancy policy', () => {
  it("'throw': a foreign callback's blocking call and a same-instance re-entry throw ReentrancyError; own nested calls work", async () => {
    const outcomes = await scenario('throw');
    expect(outcomes.outer).toBe('outer+own');
    expect(outcomes.foreign).toMatch(
      /^ReentrancyError: sync\(foreignCall\) started a blocking call from a callback that the pump of sync\(outerWork\) ran/,
    );
    expect(outcomes.first).toBe('rows for first');
    expect(outcomes.sameInstance).toMatch(
      /^ReentrancyError: sync\(aquery\) re-entered an instance whose sync\(aquery\) call is blocked/,
    );
    expect(outcomes.warnings).toEqual([]);
  });

  it("'warn': the calls go ahead and one warning per site is emitted", async () => {
    const outcomes = await scenario('warn');
    expect(outcomes).toMatchObject({
      outer: 'outer+own',
      foreign: 'foreign',
      first: 'rows for first',
      sameInstance: 'rows for second',
    });
    expect(outcomes.warnings.map((w) => [w.name, w.code])).toEqual([
      ['AsynchroReentrancyWarning', 'ASYNCHRO_REENTRANT'],
      ['AsynchroReentrancyWarning', 'ASYNCHRO_REENTRANT'],
    ]);
    expect(outcomes.warnings[0]!.message).toContain('sync(foreignCall) started a blocking call');
    expect(outcomes.warnings[1]!.message).toContain('re-entered an instance');
  });

  it("'allow' is the default: everything runs, nothing is reported", async () => {
    const outcomes = await scenario(undefined);
    expect(outcomes).toEqual({
      outer: 'outer+own',
      foreign: 'foreign',
      first: 'rows for first',
      sameInstance: 'rows for second',
      warnings: [],
    });
  });

  it('ASYNCHRO_REENTRANCY and setReentrancyPolicy set the default; bad values are refused (the variable: warned)', async () => {
    const fromEnv = await scenario(undefined, { env: { ...process.env, ASYNCHRO_REENTRANCY: 'throw' } });
    expect(fromEnv.foreign).toMatch(/^ReentrancyError/);
    const perCall = lastJson<{ foreign: string; outer: string }>(
      await runNode([fixture('per-call.cjs')], { env: { ...process.env, ASYNCHRO_REENTRANCY: 'throw' } }),
    );
    expect(perCall).toEqual({ foreign: 'foreign', outer: 'outer' }); // the blocked call's own option wins
    const { setReentrancyPolicy } = await import('../../src/subpaths/instrumentation.js');
    expect(() => setReentrancyPolicy('sometimes' as never)).toThrow(TypeError);
    // A bad ASYNCHRO_REENTRANCY is a warning and the default, never a crash at import (src/config.ts).
    const typo = await scenario(undefined, { env: { ...process.env, ASYNCHRO_REENTRANCY: 'sometimes' } });
    expect(typo).toMatchObject({ foreign: 'foreign', sameInstance: 'rows for second' });
    expect(typo.warnings).toEqual([
      {
        name: 'AsynchroWarning',
        code: 'ASYNCHRO_REENTRANCY',
        message: `ASYNCHRO_REENTRANCY must be one of 'allow', 'warn', 'throw'; got "sometimes", so the policy is 'allow'.`,
      },
    ]);
  });
});
