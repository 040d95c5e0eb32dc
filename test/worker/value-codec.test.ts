/**
 * The value codec of the shared-memory frames (src/strategies/worker/wire/value-codec.ts): what it takes comes back
 * exactly as a structured clone would give it; what a clone would give differently (or refuse) it refuses, so that
 * the value goes by the MessagePort instead.
 */
import { describe, expect, it } from 'vitest';
import { Cursor, MAX_DEPTH, MAX_OBJECTS } from '../../src/strategies/worker/wire/value-codec.js';

function roundTrip(value: unknown, bytes = 4096): { written: boolean; back?: unknown } {
  const cursor = new Cursor(new Uint8Array(new SharedArrayBuffer(bytes)));
  if (!cursor.write(value)) return { written: false };
  const end = cursor.offset;
  cursor.rewind();
  const back = cursor.read();
  expect(cursor.offset).toBe(end); // read exactly what was written
  return { written: true, back };
}

const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);

describe('value codec: what it takes comes back as a structured clone would', () => {
  const taken: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['booleans', [true, false]],
    ['numbers', [0, 1, -1, 1.5, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity, Number.NaN]],
    ['-0', -0],
    ['strings', ['', 'abc', 'héllo wörld', '日本語', '😀 emoji', 'a\u0000b']],
    ['lone surrogates', ['\uD800', 'x\uDFFFy', '\uDC00\uD800']],
    ['bigints', [0n, 1n, -1n, 123456789012345678901234567890n, -(2n ** 200n)]],
    ['arrays', [[], [1, 'two', [3, [4]]], [undefined, null]]],
    ['plain objects', { a: 1, b: { c: 'd', e: [1, 2] }, '': 0, 10: 'ten', 2: 'two' }],
    ['an own __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "x": 1}')],
    ['a Uint8Array', new Uint8Array([1, 2, 3, 255])],
    ['nesting up to MAX_DEPTH', nested(MAX_DEPTH - 1)],
    ['MAX_OBJECTS objects', Array.from({ length: MAX_OBJECTS - 1 }, () => ({}))],
  ];
  for (const [what, value] of taken) {
    it(what, () => {
      const { written, back } = roundTrip(value);
      expect(written).toBe(true);
      expect(back).toStrictEqual(structuredClone(value));
    });
  }

  it('-0 stays -0, NaN stays NaN', () => {
    expect(Object.is(roundTrip(-0).back, -0)).toBe(true);
    expect(Number.isNaN(roundTrip(Number.NaN).back)).toBe(true);
  });

  it('an own __proto__ key stays an own property and does not set the prototype', () => {
    const back = roundTrip(JSON.parse('{"__proto__": {"polluted": true}}')).back as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.hasOwn(back, '__proto__')).toBe(true);
    expect((back as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('a Uint8Array comes back as a copy over its own buffer', () => {
    const bytes = new Uint8Array([9, 8, 7]);
    const back = roundTrip(bytes).back as Uint8Array;
    expect(back).toBeInstanceOf(Uint8Array);
    expect(back.buffer).not.toBe(bytes.buffer);
    expect(back.buffer).toBeInstanceOf(ArrayBuffer);
    expect([...back]).toEqual([9, 8, 7]);
  });

  it('a getter runs once, as in a clone', () => {
    let reads = 0;
    const value = {
      get x() {
        reads++;
        return 42;
      },
    };
    expect(roundTrip(value).back).toStrictEqual({ x: 42 });
    expect(reads).toBe(1);
  });
});

describe('value codec: refuses what a clone would give differently, or refuse', () => {
  class Point {
    x = 1;
  }
  const sparse = [1, 2, 3];
  delete sparse[1]; // a hole
  const withExtra = Object.assign([1, 2], { extra: true });
  const holeAndExtra = Object.assign([0, 1], { extra: true }); // as many own keys as elements
  delete holeAndExtra[0];
  const shared = { s: 1 };
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const pooled = Buffer.from('small'); // a Node Buffer, over part of the shared pool
  const refused: [string, unknown][] = [
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a Map', new Map([[1, 2]])],
    ['a Set', new Set([1])],
    ['a Date', new Date(0)],
    ['a RegExp', /x/],
    ['an Error', new Error('e')],
    ['a class instance', new Point()],
    ['a boxed primitive', Object(1)],
    ['an object without a prototype', Object.create(null)],
    ['a Node Buffer', pooled],
    ['a Uint8Array over part of its buffer', new Uint8Array(8).subarray(2, 4)],
    ['a Uint8Array over a SharedArrayBuffer', new Uint8Array(new SharedArrayBuffer(4))],
    ['an empty Uint8Array (maybe detached)', new Uint8Array(0)],
    ['other typed arrays', new Uint16Array(2)],
    ['an ArrayBuffer', new ArrayBuffer(4)],
    ['an array with a hole', sparse],
    ['an array with an extra property', withExtra],
    ['an array with a hole and an extra property', holeAndExtra],
    ['a proxy of an object', new Proxy({}, {})],
    ['a proxy of an array', new Proxy([1], {})],
    ['an object met twice', [shared, shared]],
    ['a cycle', cyclic],
    ['nesting past MAX_DEPTH', nested(MAX_DEPTH + 1)],
    ['more than MAX_OBJECTS objects', Array.from({ length: MAX_OBJECTS + 1 }, () => ({}))],
    ['a string past the buffer', 'x'.repeat(4096)],
    ['a Uint8Array past the buffer', new Uint8Array(5000)],
  ];
  for (const [what, value] of refused) {
    it(what, () => expect(roundTrip(value).written).toBe(false));
  }

  it('a huge string is refused at once, without copying it', () => {
    const huge = 'y'.repeat(50_000_000);
    const started = performance.now();
    expect(roundTrip(huge).written).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a getter that throws: the error propagates (frames.ts then posts the value, whose clone reports it)', () => {
    const value = {
      get boom(): never {
        throw new RangeError('getter');
      },
    };
    expect(() => roundTrip(value)).toThrow(RangeError);
  });

  it('a proxy is never looked into: no trap runs', () => {
    let traps = 0;
    const spy = new Proxy(
      {},
      {
        getPrototypeOf: () => (traps++, Object.prototype),
        ownKeys: () => (traps++, []),
      },
    );
    expect(roundTrip(spy).written).toBe(false);
    expect(traps).toBe(0);
  });
});
