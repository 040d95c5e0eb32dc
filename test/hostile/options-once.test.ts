/**
 * Options are read once, from own properties only (src/options.ts): an options object changed after it was given,
 * a getter, or a polluted Object.prototype (`module`, `allowNonFileModule`, `timeout`, `signal`, `strategy`,
 * `transfer`, the decorators' `methods`, `include`, `rename`, `statics`..., the fields of asynchro's own call sites
 * and relocations) changes no call and imports no module.
 * In a child process: the pollution is global.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

describe('options read once, own properties only', () => {
  it('ignore later changes, getters after the first read, and everything inherited', async () => {
    const child = await runNode([fileURLToPath(new URL('../fixtures/hostile/options-once.cjs', import.meta.url))], {
      watchdogMs: 20_000,
    });
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
    expect(lastJson(child)).toEqual({
      mutatedAfter: { value: 'done' },
      viewMutatedAfter: { value: 'viewed' },
      viewAgain: { value: 'same options object' },
      getter: { value: 'once', second: { value: 'once' }, reads: 1 },
      desynced: { value: 'local' },
      sync: { value: 'pumped' },
      synced: { value: 'pumped' },
      awaitSync: { value: 'pumped' },
      exposeSync: { variants: ['getSync'], statics: [], value: { value: 'here' } },
      nonFileModule: { thrown: expect.stringMatching(/^TypeError: .*must be a file: URL/) },
      transfer: { value: 16, afterCall: 16 },
      workerEcho: { value: 'echoed' },
      attackerRan: false,
    });
  });
});
