/**
 * Consumers without decorator syntax: plain JavaScript with the function form, in child processes (the generated
 * methods block, which a vitest test body cannot do).
 */
import { describe, expect, it } from 'vitest';
import { lastJson, runScript } from '../helpers/child.js';

const cjsConsumer = String.raw`
const { exposeSync, exposeAsync, coroutine, SyncTimeoutError } = require('asynchro');
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class ClientAsync {
  constructor(name) { this.name = name; }
  async agetUser(id) { await delay(2); return { id, by: this.name }; }
  async afailWith(reason) { await delay(1); throw reason; }
  async aslow(ms) { await delay(ms); return 'slow done'; }
  static async astatus() { return 'pong'; }
}
// A promise-returning method that is not async, marked without decorator syntax.
ClientAsync.prototype.later = coroutine(function later(x) { return delay(1).then(() => x + 1); });

const Client = exposeSync(ClientAsync, { statics: true });
const outcome = (fn) => {
  try { return { value: fn() }; } catch (error) {
    return error instanceof Error ? { error: error.constructor.name, message: error.message } : { thrown: error, type: typeof error };
  }
};

// Overrides in a plain subclass are used: variants look the async method up on each call.
class Override extends Client {
  async agetUser(id) { return { id, by: 'override' }; }
}
const Timed = exposeSync(ClientAsync, { timeout: 30 });
const Aborting = exposeSync(ClientAsync, { signal: AbortSignal.timeout(30) });
const Pumped = exposeSync(ClientAsync, { strategy: 'pump' });
const Strict = exposeSync(ClientAsync, { reentrancy: 'throw' });
const strict = new Strict('s');
let reentry;
const client = new Client('ada');

const report = {
  user: client.getUserSync(1),
  later: client.laterSync(41),
  ping: Client.statusSync(),
  error: outcome(() => client.failWithSync(new RangeError('bad range'))),
  falsy: outcome(() => client.failWithSync(0)),
  undefinedReason: outcome(() => client.failWithSync(undefined)),
  override: new Override('x').getUserSync(2),
  timeout: outcome(() => new Timed('t').slowSync(300)),
  timeoutClass: (() => { try { new Timed('t').slowSync(300); } catch (error) { return error instanceof SyncTimeoutError && error.timeout; } })(),
  aborted: outcome(() => new Aborting('a').slowSync(300)),
  pumped: new Pumped('p').getUserSync(3),
  fast: new Timed('t').slowSync(1),
  strictOuter: (() => {
    setTimeout(() => { reentry = outcome(() => strict.getUserSync(9)); }, 1); // fires while strict.slowSync blocks
    return strict.slowSync(40);
  })(),
};
report.reentry = reentry;
exposeAsync(class Legacy { valueSync() { return 42; } });
console.log(JSON.stringify(report));
process.exit(0); // the slow timers need not finish
`;

const esmConsumer = String.raw`
import { exposeSync } from 'asynchro';
class StoreAsync { async aget(key) { await new Promise((r) => setTimeout(r, 1)); return 'value of ' + key; } }
const Store = exposeSync(StoreAsync);
const outcome = (fn) => { try { return { value: fn() }; } catch (error) { return { error: error.constructor.name, message: error.message }; } };
const topLevel = outcome(() => new Store().getSync('a')); // a module's top level is a microtask
setTimeout(() => {
  const inTimer = outcome(() => new Store().getSync('b'));
  console.log(JSON.stringify({ topLevel, inTimer }));
}, 0);
`;

const existingSymbolMetadata = String.raw`
const mine = Symbol('mine');
Object.defineProperty(Symbol, 'metadata', { value: mine, writable: false, configurable: false });
const { exposeSync } = require('asynchro');
class Base { async aone() { return 1; } }
// What a standard @syncName('uno') leaves in Base[Symbol.metadata], under the symbol that already existed.
Base[mine] = { 'asynchro:sync-name': { aone: 'uno' } };
const Exposed = exposeSync(Base);
console.log(JSON.stringify({ kept: Symbol.metadata === mine, names: Object.getOwnPropertyNames(Exposed.prototype) }));
`;

describe('a plain JavaScript consumer (function form, no decorator syntax)', () => {
  it('calls the generated methods from CommonJS and gets values, errors exactly as rejected, and the options', async () => {
    const run = await runScript(cjsConsumer, 'cjs', { watchdogMs: 15_000 });
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
      message: 'slowSync(ClientAsync.aslow) timed out after 30 ms; the work is still running in the background and its result will be discarded. Raise `timeout` or await the work instead.',
    });
    expect(report.timeoutClass).toBe(30);
    expect(report.aborted).toMatchObject({ error: 'DOMException', message: 'The operation was aborted due to timeout' });
    expect(report.pumped).toEqual({ id: 3, by: 'p' });
    expect(report.fast).toBe('slow done');
    // reentrancy flows too: a timer callback re-entering the blocked instance is refused
    expect(report.strictOuter).toBe('slow done');
    expect(report.reentry).toMatchObject({ error: 'ReentrancyError', message: expect.stringMatching(/^getUserSync\(ClientAsync\.agetUser\) re-entered an instance whose slowSync\(ClientAsync\.aslow\) call is blocked/) });
  });

  it('from an ES module: refuses at top level (a microtask), blocks in a timer callback', async () => {
    const run = await runScript(esmConsumer, 'mjs', { watchdogMs: 15_000 });
    const { topLevel, inTimer } = lastJson<Record<string, Record<string, string>>>(run);
    expect(topLevel).toMatchObject({ error: 'SyncContextError', message: expect.stringMatching(/^getSync\(StoreAsync\.aget\) cannot block here/) });
    expect(inTimer).toEqual({ value: 'value of b' });
  });

  it('uses an existing Symbol.metadata and never replaces it', async () => {
    const run = await runScript(existingSymbolMetadata, 'cjs', { watchdogMs: 15_000 });
    expect(lastJson(run)).toEqual({ kept: true, names: ['constructor', 'uno'] });
  });
});
