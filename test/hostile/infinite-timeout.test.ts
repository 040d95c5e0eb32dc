/**
 * `timeout: Infinity` means no timeout (issue 9 §4): no TimeoutOverflowWarning on the pump or in the worker, and the
 * largest finite timeout Node timers hold is accepted. A child process, because the warning goes to its stderr.
 */
import { describe, expect, it } from 'vitest';
import { lastJson, runScript } from '../helpers/child.js';

describe('timeout: Infinity', () => {
  it('waits as long as it takes, with no TimeoutOverflowWarning, on the pump and in the worker', async () => {
    const targets = new URL('../worker/fixtures/targets.mjs', import.meta.url).href;
    const child = await runScript(
      `const { synced, awaitSync, workerSynced, terminateWorkers, MAX_TIMEOUT_MS } = require('asynchro');
const delay = (ms) => new Promise((resolve) => setTimeout(() => resolve(ms), ms));
const result = {
  pump: synced(delay, { timeout: Infinity })(5),
  awaitSync: awaitSync(delay(5), { timeout: Infinity }),
  max: awaitSync(delay(5), { timeout: MAX_TIMEOUT_MS }),
  worker: workerSynced(${JSON.stringify(targets)}, 'add', { timeout: Infinity })(2, 3),
};
terminateWorkers().then(() => console.log(JSON.stringify(result)));`,
      'cjs',
    );
    expect(child.stderr).toBe('');
    expect(lastJson(child)).toEqual({ pump: 5, awaitSync: 5, max: 5, worker: 5 });
  });
});
