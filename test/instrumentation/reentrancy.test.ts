import { describe, expect, it } from 'vitest';
import { lastJson, runScript } from '../helpers/child.js';

/**
 * While `outerWork` is blocked, a timer that other code scheduled fires and starts its own blocking call; the
 * outer work also makes a nested call of its own, which is never a re-entry.
 */
const scenario = (policyOption: string) => String.raw`
const { sync, synced, setReentrancyPolicy } = require('asynchro');
const outcomes = { warnings: [] };
process.on('warning', (w) => outcomes.warnings.push({ name: w.name, code: w.code, message: w.message }));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const attempt = (key, fn) => { try { outcomes[key] = fn(); } catch (e) { outcomes[key] = e.name + ': ' + e.message; } };

class Connection {
  async aquery(q) { await sleep(30); return 'rows for ' + q; }
}
Connection.prototype.querySync = synced(Connection.prototype.aquery, ${policyOption});
const connection = new Connection();

async function outerWork() {
  // the work's own nested blocking call, from a callback it scheduled itself (not a timer callback: see pump.ts)
  const nested = await new Promise((resolve) => setImmediate(() => resolve(sync(async function ownNested() { await sleep(1); return 'own'; }))));
  await sleep(30);
  return 'outer+' + nested;
}
const blockOuter = synced(outerWork, ${policyOption});

// other code's callbacks, already queued when the blocking calls start
// (an immediate: a thread-pool callback such as fs.stat's would be refused, see thread-pool.ts)
setImmediate(() => attempt('foreign', () => sync(async function foreignCall() { await sleep(1); return 'foreign'; })));
attempt('outer', () => blockOuter());

setImmediate(() => attempt('sameInstance', () => connection.querySync('second')));
attempt('first', () => connection.querySync('first'));
setImmediate(() => console.log(JSON.stringify(outcomes)));
`;

interface Outcomes {
  outer: string;
  foreign: string;
  first: string;
  sameInstance: string;
  warnings: { name: string; code: string; message: string }[];
}

describe('re-entrancy policy', () => {
  it("'throw': a foreign callback's blocking call and a same-instance re-entry throw ReentrancyError; own nested calls work", async () => {
    const outcomes = lastJson<Outcomes>(await runScript(scenario("{ reentrancy: 'throw' }"), 'cjs'));
    expect(outcomes.outer).toBe('outer+own');
    expect(outcomes.foreign).toMatch(/^ReentrancyError: sync\(foreignCall\) started a blocking call from a callback that the pump of sync\(outerWork\) ran/);
    expect(outcomes.first).toBe('rows for first');
    expect(outcomes.sameInstance).toMatch(/^ReentrancyError: sync\(aquery\) re-entered an instance whose sync\(aquery\) call is blocked/);
    expect(outcomes.warnings).toEqual([]);
  });

  it("'warn': the calls go ahead and one warning per site is emitted", async () => {
    const outcomes = lastJson<Outcomes>(await runScript(scenario("{ reentrancy: 'warn' }"), 'cjs'));
    expect(outcomes).toMatchObject({ outer: 'outer+own', foreign: 'foreign', first: 'rows for first', sameInstance: 'rows for second' });
    expect(outcomes.warnings.map((w) => [w.name, w.code])).toEqual([
      ['AsynchroReentrancyWarning', 'ASYNCHRO_REENTRANT'],
      ['AsynchroReentrancyWarning', 'ASYNCHRO_REENTRANT'],
    ]);
    expect(outcomes.warnings[0]!.message).toContain('sync(foreignCall) started a blocking call');
    expect(outcomes.warnings[1]!.message).toContain('re-entered an instance');
  });

  it("'allow' is the default: everything runs, nothing is reported", async () => {
    const outcomes = lastJson<Outcomes>(await runScript(scenario('{}'), 'cjs'));
    expect(outcomes).toEqual({ outer: 'outer+own', foreign: 'foreign', first: 'rows for first', sameInstance: 'rows for second', warnings: [] });
  });

  it('ASYNCHRO_REENTRANCY and setReentrancyPolicy set the default; bad values are refused', async () => {
    const fromEnv = lastJson<Outcomes>(
      await runScript(scenario('{}'), 'cjs', { env: { ...process.env, ASYNCHRO_REENTRANCY: 'throw' } }),
    );
    expect(fromEnv.foreign).toMatch(/^ReentrancyError/);
    const perCall = lastJson<{ foreign: string; outer: string }>(
      await runScript(
        String.raw`
const { synced, sync } = require('asynchro');
const sleep = (ms, v) => new Promise((resolve) => setTimeout(() => resolve(v), ms));
const out = {};
setImmediate(() => { try { out.foreign = sync(() => sleep(1, 'foreign')); } catch (e) { out.foreign = e.name; } });
out.outer = synced(() => sleep(30, 'outer'), { reentrancy: 'allow' })();
setImmediate(() => console.log(JSON.stringify(out)));
`,
        'cjs',
        { env: { ...process.env, ASYNCHRO_REENTRANCY: 'throw' } },
      ),
    );
    expect(perCall).toEqual({ foreign: 'foreign', outer: 'outer' }); // the blocked call's own option wins
    const { setReentrancyPolicy } = await import('../../src/index.js');
    expect(() => setReentrancyPolicy('sometimes' as never)).toThrow(TypeError);
  });
});
