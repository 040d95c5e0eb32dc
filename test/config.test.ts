/**
 * src/config.ts: the environment is read once and checked; a bad value is a warning and the default, never a throw.
 * (The variables' effects are tested where they act: test/hostile/worker-limits.test.ts, reentrancy.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_WORKER_SPIN_US,
  maxWorkerThreads,
  reentrancyFromEnvironment,
  workerSpinMicroseconds,
} from '../src/config.js';

function read<T>(
  parse: (value: string | undefined, report: (message: string) => void) => T,
  value: string | undefined,
) {
  const warnings: string[] = [];
  return { value: parse(value, (message) => warnings.push(message)), warnings };
}

describe('ASYNCHRO_WORKER_SPIN_US', () => {
  it('unset or empty: no spin, no warning', () => {
    expect(read(workerSpinMicroseconds, undefined)).toEqual({ value: 0, warnings: [] });
    expect(read(workerSpinMicroseconds, ' ')).toEqual({ value: 0, warnings: [] });
  });

  it('a number of microseconds in range is taken as is', () => {
    expect(read(workerSpinMicroseconds, '50')).toEqual({ value: 50, warnings: [] });
    expect(read(workerSpinMicroseconds, String(MAX_WORKER_SPIN_US))).toEqual({
      value: MAX_WORKER_SPIN_US,
      warnings: [],
    });
  });

  it('more than the cap is capped, with a warning', () => {
    const { value, warnings } = read(workerSpinMicroseconds, '1e12');
    expect(value).toBe(MAX_WORKER_SPIN_US);
    expect(warnings).toMatchInlineSnapshot(`
      [
        "ASYNCHRO_WORKER_SPIN_US=1e12 is capped at 1000 microseconds: a longer spin only burns CPU.",
      ]
    `);
  });

  it.each(['-1', 'fast', 'NaN', 'Infinity'])('%s: no spin, with a warning', (text) => {
    const { value, warnings } = read(workerSpinMicroseconds, text);
    expect(value).toBe(0);
    expect(warnings).toEqual([
      `ASYNCHRO_WORKER_SPIN_US must be a number of microseconds from 0 to 1000; got ${JSON.stringify(text)}, so blocked callers do not spin.`,
    ]);
  });
});

describe('ASYNCHRO_REENTRANCY', () => {
  it.each(['allow', 'warn', 'throw'] as const)('%s is taken', (policy) => {
    expect(read(reentrancyFromEnvironment, policy)).toEqual({ value: policy, warnings: [] });
  });

  it("unset: 'allow'; anything else: 'allow' with a warning", () => {
    expect(read(reentrancyFromEnvironment, undefined)).toEqual({ value: 'allow', warnings: [] });
    expect(read(reentrancyFromEnvironment, 'THROW')).toMatchInlineSnapshot(`
      {
        "value": "allow",
        "warnings": [
          "ASYNCHRO_REENTRANCY must be one of 'allow', 'warn', 'throw'; got "THROW", so the policy is 'allow'.",
        ],
      }
    `);
  });
});

describe('ASYNCHRO_MAX_WORKERS', () => {
  it('unset: 16; a whole number from 2 is taken; anything else: 16 with a warning', () => {
    expect(read(maxWorkerThreads, undefined)).toEqual({ value: 16, warnings: [] });
    expect(read(maxWorkerThreads, '40')).toEqual({ value: 40, warnings: [] });
    for (const text of ['1', '2.5', 'lots']) {
      expect(read(maxWorkerThreads, text)).toEqual({
        value: 16,
        warnings: [
          `ASYNCHRO_MAX_WORKERS must be a whole number of worker threads, at least 2; got ${JSON.stringify(text)}, so the limit is 16.`,
        ],
      });
    }
  });
});
