/**
 * SpinBudget in process: how long a blocked caller (or the worker) may check for a message before it sleeps. The
 * machine's load is faked (node:os loadavg), so the decisions are pinned whatever else runs on this machine.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const machine = vi.hoisted(() => ({ load: 0 }));
vi.mock('node:os', async (importOriginal) => {
  const os = await importOriginal<typeof import('node:os')>();
  return { ...os, availableParallelism: () => 4, loadavg: () => [machine.load, 0, 0] };
});
const { SpinBudget } = await import('../../src/strategies/worker/spin.js');

beforeEach(() => {
  machine.load = 0;
});

describe('SpinBudget', () => {
  it('0 microseconds: never spins', () => {
    const budget = new SpinBudget(0);
    expect([budget.next(), budget.next()]).toEqual([0, 0]);
  });

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

  it('stands down while the load average is above the cores two threads leave free (4 - 1.5)', () => {
    machine.load = 2.6;
    expect(new SpinBudget(50).next()).toBe(0);
    machine.load = 2.4;
    expect(new SpinBudget(50).next()).toBe(0.05);
  });
});
