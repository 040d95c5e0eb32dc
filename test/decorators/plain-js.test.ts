/**
 * Consumers without decorator syntax: plain JavaScript with the function form, in child processes (the generated
 * methods block, which a vitest test body cannot do).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';

/** The consumers, runnable by hand, are in test/decorators/fixtures/plain-js/. */
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/plain-js/${name}`, import.meta.url));

describe('a plain JavaScript consumer (function form, no decorator syntax)', () => {
  it('calls the generated methods from CommonJS and gets values, errors exactly as rejected, and the options', async () => {
    const run = await runNode([fixture('consumer.cjs')], { watchdogMs: 15_000 });
    const report = lastJson<Record<string, any>>(run);
    expect(report.user).toEqual({ id: 1, by: 'ada' });
    expect(report.later).toBe(42);
    expect(report.ping).toBe('pong');
    expect(report.error).toEqual({ error: 'RangeError', message: 'bad range' });
    expect(report.falsy).toEqual({ thrown: 0, type: 'number' });
    expect(report.undefinedReason).toEqual({ type: 'undefined' }); // thrown: undefined (JSON drops the key)
    expect(report.override).toEqual({ id: 2, by: 'override' });
    expect(report.timeout).toEqual({
      error: 'SyncTimeoutError',
      message:
        'slowSync(ClientAsync.aslow) timed out after 30 ms; its signal (currentSignal()) was aborted with this error: work that passes it on stops, other work goes on in the background, its result discarded. Raise `timeout` or await the work instead.',
    });
    expect(report.timeoutClass).toBe(30);
    expect(report.aborted).toMatchObject({
      error: 'DOMException',
      message: 'The operation was aborted due to timeout',
    });
    expect(report.pumped).toEqual({ id: 3, by: 'p' });
    expect(report.fast).toBe('slow done');
    // reentrancy flows too: a timer callback re-entering the blocked instance is refused
    expect(report.strictOuter).toBe('slow done');
    expect(report.reentry).toMatchObject({
      error: 'ReentrancyError',
      message: expect.stringMatching(
        /^getUserSync\(ClientAsync\.agetUser\) re-entered an instance whose slowSync\(ClientAsync\.aslow\) call is blocked/,
      ),
    });
  });

  it('from an ES module: refuses at top level (a microtask), blocks in a timer callback', async () => {
    const run = await runNode([fixture('consumer.mjs')], { watchdogMs: 15_000 });
    const { topLevel, inTimer } = lastJson<Record<string, Record<string, string>>>(run);
    expect(topLevel).toMatchObject({
      error: 'SyncContextError',
      message: expect.stringMatching(/^getSync\(StoreAsync\.aget\) cannot block here/),
    });
    expect(inTimer).toEqual({ value: 'value of b' });
  });

  it('uses an existing Symbol.metadata and never replaces it', async () => {
    const run = await runNode([fixture('existing-symbol-metadata.cjs')], { watchdogMs: 15_000 });
    expect(lastJson(run)).toEqual({ kept: true, names: ['constructor', 'uno'] });
  });
});
