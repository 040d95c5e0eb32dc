/**
 * SpinBudget in process: how long a blocked caller (or the worker) may check for a message before it sleeps.
 */
import { describe, expect, it } from 'vitest';
import { SpinBudget } from '../../src/strategies/worker/wire/spin-budget.js';

describe('SpinBudget', () => {
  it('0 microseconds: never spins', () => {
    const budget = new SpinBudget(0);
    expect([budget.next(), budget.next()]).toEqual([0, 0]);
  });

  // No load is faked: the budget engages on this machine whatever else runs (it used to stand down on a load average).
  it('spins the budget (in ms) while checks find the message', () => {
    const budget = new SpinBudget(50);
    for (let call = 0; call < 10; call++) {
      expect(budget.next()).toBe(0.05);
      budget.record(true);
    }
  });

  it('after four checks in a row that found nothing, stops; retries once every 64 calls; a find restores it', () => {
    const budget = new SpinBudget(50);
    for (let miss = 0; miss < 4; miss++) {
      expect(budget.next()).toBe(0.05);
      budget.record(false);
    }
    const next63 = Array.from({ length: 63 }, () => budget.next());
    expect(next63.every((ms) => ms === 0)).toBe(true);
    expect(budget.next()).toBe(0.05); // the 64th call retries
    budget.record(true);
    expect(budget.next()).toBe(0.05);
  });
});
