/**
 * A new user's view: the same TypeScript consumer, compiled by `tsc` in each decorator mode (legacy
 * experimentalDecorators + emitDecoratorMetadata, and TC39 standard decorators, which vitest's Oxc would not
 * lower), must compile with no type errors, then run in Node and get the right values and errors.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runNode } from '../helpers/child.js';
import { compileConsumers, compiledDir, type DecoratorMode } from './compile.js';

interface Outcome {
  value?: unknown;
  error?: string;
  name?: string;
  message?: string;
  code?: string;
}

describe.each<DecoratorMode>(['legacy', 'standard'])('a TypeScript consumer with %s decorators', (mode) => {
  beforeAll(async () => {
    const compiled = await compileConsumers(mode);
    expect(compiled.stdout + compiled.stderr, 'tsc reports no type errors').toBe('');
    expect(compiled.code).toBe(0);
  });

  it('calls the generated methods from CommonJS top level and gets values, errors and metadata', async () => {
    const run = await runNode([join(compiledDir(mode), 'cjs-consumer.cjs')], { watchdogMs: 20_000 });
    const report = lastJson<Record<string, any>>(run);
    expect(run.code).toBe(0);

    expect(report.item).toBe('item-7:5');
    expect(report.put).toEqual({ id: 1, value: 'one' });
    expect(report.all).toEqual(['item-1', 'item-2']);
    expect(report.doubled).toBe(42);
    expect(report.abort).toBe('aborted');
    expect(report.ping).toBe('author pingSync');
    expect(report.version).toBe('1.2.3');
    expect(report.where).toBe(0); // the pump: the main thread
    expect(report.fail).toEqual({ error: 'StoreError', name: 'StoreError', message: 'failed with E42', code: 'E42' });
    expect(report.failIsStoreError).toEqual({ value: true });
    expect(report.slow.fast).toEqual({ value: 'waited 1' });
    expect(report.slow.slow).toMatchObject({
      error: 'SyncTimeoutError',
      message: expect.stringMatching(/^sleepSync\(Slow\.asleep\) timed out after 50 ms/),
    });

    // Runtime names equal the type-level names the consumer asserted at compile time.
    expect(report.generated).toEqual(report.expectedGenerated);
    expect(report.storeOwnNames).toEqual([
      'abortSync',
      'constructor',
      'failSync',
      'fetchAllSync',
      'getItemSync',
      'laterSync',
      'putItemSync',
      'whereSync',
    ]);
    expect(report.storeStaticOwnNames).toEqual(['length', 'name', 'prototype', 'versionSync']);
    expect(report.untouched).toEqual([]);

    // Subclassed and decorated again: only the new method, once; inherited variants still work.
    expect(report.extendedOwnNames).toEqual(['constructor', 'countSync']);
    expect(report.extended).toEqual({ count: 2, item: 'ext-3:6' });
    expect(report.plainSub).toEqual({ value: 'p-1:6' });
    expect(report.guarded).toEqual([1, 1, 1]);
    // A class decorated directly keeps its static fields and blocks, #private fields and statics.
    expect(report.direct).toEqual({
      twice: '42 hidden',
      count: 1,
      label: 'label of Direct',
      name: 'Direct',
      keys: ['n'],
    });

    // The class keeps its name, statics, instanceof, constructor parameters; instances get no own properties.
    expect(report.name).toBe('Store');
    expect(report.instanceOf).toEqual([true, true, true, true]);
    expect(report.staticVersion).toBe('1.2.3');
    expect(report.length).toEqual([0, 1]);
    expect(report.extendedLength).toBe(1);
    expect(report.extendedFlavour).toBe(7);
    expect(report.prefix).toBe('item-');
    expect(report.ownKeys).toEqual(['prefix']);

    expect(report.coroutine).toEqual({
      method: true,
      extracted: true,
      bound: true,
      boundTwice: true,
      generated: false,
    });

    const variant = (method: string) => report.variants.find((record: { method: string }) => record.method === method);
    expect(variant('agetItem')).toEqual({
      method: 'agetItem',
      variant: 'getItemSync',
      outcome: 'generated',
      reason: 'native',
      static: false,
    });
    expect(variant('later')).toEqual({
      method: 'later',
      variant: 'laterSync',
      outcome: 'generated',
      reason: 'marked',
      static: false,
    });
    expect(variant('alist')).toEqual({
      method: 'alist',
      variant: 'fetchAllSync',
      outcome: 'generated',
      reason: 'native',
      static: false,
    });
    expect(variant('ainternal')).toEqual({ method: 'ainternal', outcome: 'unnamed', reason: 'native', static: false });
    expect(variant('aping')).toEqual({
      method: 'aping',
      variant: 'pingSync',
      outcome: 'kept',
      reason: 'native',
      static: false,
    });
    expect(variant('aversion')).toEqual({
      method: 'aversion',
      variant: 'versionSync',
      outcome: 'generated',
      reason: 'native',
      static: true,
    });
    expect(report.variants).toHaveLength(10);

    expect(report.async).toEqual({
      increment: 2,
      resetTo: 10,
      explode: { error: 'StoreError', code: 'E_BOOM' },
      isPromise: true,
      count: 10,
      legacyHasNone: false,
      desync: { bare: 3, withOptions: 4, names: ['DesyncCounter', 'BumpCounter'], core: 42 },
    });

    if (mode === 'legacy') {
      // emitDecoratorMetadata: a decorated promise-returning method counts by its design:returntype.
      expect(report.designTyped).toEqual({
        variant: { value: 'design' },
        records: [{ variant: 'viaDesignTypeSync', reason: 'design-type' }],
      });
      expect(report.paramtypes).toEqual(['String', 'Number']);
      expect(report.standardMetadata).toBeNull();
    } else {
      // No design types under standard decorators: an unmarked promise-returning method is not a coroutine.
      expect(report.designTyped.records).toEqual([]);
      expect(report.designTyped.variant).toMatchObject({ error: 'TypeError' });
      expect(report.paramtypes).toBeNull();
      // Class[Symbol.metadata] holds the same decisions (Symbol.metadata provided on Node 20).
      expect(report.standardMetadata).toEqual({
        variants: 10,
        syncNames: { alist: 'fetchAllSync', ainternal: false, aping: 'pingSync', 'static aversion': 'versionSync' },
      });
    }
  });

  it('relocates calls from ES module top level to a worker thread when the class names its module', async () => {
    const run = await runNode([join(compiledDir(mode), 'esm-consumer.mjs')], { watchdogMs: 30_000 });
    const { topLevel, inCallback } = lastJson<Record<string, Record<string, Outcome>>>(run);
    expect(run.code).toBe(0);

    // In a microtask the pump cannot block, so `auto` rebuilt the instance in a worker with its constructor arguments.
    expect(topLevel.item).toEqual({ value: 'w-5:3' });
    expect(topLevel.greeting).toEqual({ value: 'Hello, Ada (thread worker)' }); // module: import.meta.url
    expect(topLevel.exportName).toEqual({ value: 'Good day, Alan (thread worker)' }); // function form, exportName
    expect(topLevel.thread!.value).toBeGreaterThan(0);
    expect(topLevel.failure).toEqual({
      error: 'StoreError',
      name: 'StoreError',
      message: 'failed with E7',
      code: 'E7',
    });
    expect(topLevel.inherited).toEqual({ value: 'e-1:6' });
    expect(topLevel.plainSubclass).toMatchObject({
      error: 'SyncContextError',
      message: expect.stringContaining(
        'it was called on an instance of PlainSubStore, and PlainSubStore extends Store, which can move, but PlainSubStore itself was not decorated with the `module` option',
      ),
    });
    expect(topLevel.notRelocatable).toMatchObject({
      error: 'SyncContextError',
      message: expect.stringMatching(
        /^getItemSync\(LocalStore\.agetItem\) cannot block here: .*The work was not started\./,
      ),
    });
    expect(topLevel.workerWithoutModule).toMatchObject({
      error: 'SyncContextError',
      message: expect.stringContaining(
        "getItemSync(StoreAsync.agetItem): strategy 'worker' needs a relocatable target",
      ),
    });

    // In a timer callback the pump blocks on the main thread.
    expect(inCallback).toEqual({
      item: { value: 't-5:3' },
      greeting: { value: 'Hi, Grace (thread main)' },
      thread: { value: 0 },
      local: { value: 'l-2:6' },
    });
  });
});
