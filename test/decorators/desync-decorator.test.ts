/**
 * `desync` serves as the class decorator (the same as `exposeAsync`) and as the core `desync(fn, ...args)`. Each
 * call shape below is one the rule must never confuse; the compiled consumers (consumers.test.ts) use `@desync`
 * with both decorator flavours.
 */
import { describe, expect, it } from 'vitest';
import { DecorationError, desync, exposeAsync } from '../../src/index.js';
import { describeVariants } from '../../src/subpaths/introspection.js';

class Meter {
  reading = 0;
  readSync(): number {
    return ++this.reading;
  }
  calibrate(to: number): number {
    return (this.reading = to);
  }
}

/** A TC39 standard decorator context, as TypeScript's emitted code builds it. */
const classContext = (kind = 'class') => ({ kind, name: 'Meter', metadata: {}, addInitializer() {} }) as never;

describe('desync as the class decorator', () => {
  it('desync(Class) and desync(Class, options) return the class exposeAsync returns', async () => {
    const Bare = desync(Meter);
    expect(typeof Bare).toBe('function');
    expect(Bare.name).toBe('Meter');
    await expect(new Bare().aread()).resolves.toBe(1);
    await expect(new Bare().acalibrate(5)).resolves.toBe(5);
    expect(describeVariants(Bare)).toEqual(describeVariants(exposeAsync(Meter)));
    const Renamed = desync(Meter, { rename: { readSync: 'afetchReading' } });
    await expect(new Renamed().afetchReading()).resolves.toBe(1);
    expect('aread' in new Renamed()).toBe(false);
  });

  it('@desync and @desync(options) in the standard flavour (value, context)', async () => {
    const Standard = (desync as (...args: unknown[]) => unknown)(Meter, classContext()) as new () => {
      aread(): Promise<number>;
    };
    await expect(new Standard().aread()).resolves.toBe(1);
    const factory = desync({ exclude: ['calibrate'] });
    expect(typeof factory).toBe('function');
    const Excluded = factory(Meter, classContext()) as typeof Meter;
    expect('acalibrate' in new Excluded()).toBe(false);
    expect('aread' in new Excluded()).toBe(true);
  });

  it('@desync and @desync() in the legacy flavour (target)', async () => {
    const Legacy = desync()(Meter) as unknown as new () => { aread(): Promise<number> };
    await expect(new Legacy().aread()).resolves.toBe(1);
  });

  it('a down-levelled class (a function) is decorated when the context says kind: class', async () => {
    function OldStyle(this: { n: number }) {
      this.n = 1;
    }
    OldStyle.prototype.valueSync = function (this: { n: number }) {
      return this.n;
    };
    const Decorated = desync(OldStyle as never, classContext()) as unknown as new () => { avalue(): Promise<number> };
    await expect(new Decorated().avalue()).resolves.toBe(1);
  });

  it('refuses members, in both flavours', () => {
    expect(() => desync(Meter.prototype.readSync as never, classContext('method'))).toThrowErrorMatchingInlineSnapshot(
      `[DecorationError: desync decorates classes, not a method: put it on the class.]`,
    );
    const descriptor = Object.getOwnPropertyDescriptor(Meter.prototype, 'readSync')!;
    expect(() => (desync as (...args: unknown[]) => unknown)(Meter.prototype, 'readSync', descriptor)).toThrow(
      DecorationError,
    );
    expect(() =>
      (desync as (...args: unknown[]) => unknown)(Meter, 'readSync', descriptor),
    ).toThrowErrorMatchingInlineSnapshot(
      `[DecorationError: desync decorates classes, not members: put it on the class.]`,
    );
  });
});

describe('desync as the core call: never taken for a decoration', () => {
  it('a zero-argument function', async () => {
    await expect(desync(() => 5)).resolves.toBe(5);
  });

  it('a function with an options-like object argument', async () => {
    await expect(desync((options: { exclude: string[] }) => options.exclude.length, { exclude: ['a'] })).resolves.toBe(
      1,
    );
  });

  it('a function used as a constructor (its source text is not a class)', async () => {
    function Point(this: unknown, x?: number) {
      if (!new.target) return `called with ${x}`;
    }
    Point.prototype.normSync = () => 1;
    await expect(desync(Point as (x?: number) => unknown)).resolves.toBe('called with undefined');
    await expect(desync(Point as (x?: number) => unknown, 3)).resolves.toBe('called with 3');
  });

  it('a class passed with arguments: a call, which rejects (a class cannot be called)', async () => {
    await expect((desync as (...args: unknown[]) => Promise<unknown>)(Meter, 1, 2)).rejects.toThrow(
      /Class constructor Meter cannot be invoked without 'new'/,
    );
    await expect((desync as (...args: unknown[]) => Promise<unknown>)(Meter, [1])).rejects.toThrow(TypeError);
  });

  it('a function returning a class, and a non-function, keep the core meaning', async () => {
    await expect(desync(() => Meter)).resolves.toBe(Meter);
    await expect((desync as (...args: unknown[]) => Promise<unknown>)(42)).rejects.toThrow(
      /desync\(fn, \.\.\.args\): fn must be a function/,
    );
  });
});
