/**
 * Hostile error shapes (issue 9 §7): the codec that carries a rejection from the worker keeps any class name and
 * shape, and nothing a target throws kills the worker. Unit tests of the codec in process, then the round trip.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  MAX_STAND_INS,
  MAX_STAND_IN_CHARS,
  decodeReason,
  encodeReason,
  standInCount,
  standInNameChars,
} from '../../src/strategies/worker/wire/codec.js';
import { terminateWorkers } from '../../src/subpaths/worker.js';
import { workerSynced } from '../../src/index.js';
import { errorWithThrowingGetters } from '../worker/fixtures/hostile.mjs';

afterAll(terminateWorkers);

const HOSTILE_NAMES = [
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__proto__',
  'constructor',
  'isPrototypeOf',
  'then',
  'my error',
];
const named = (className: string) => ({ [className]: class extends Error {} })[className]!;
const roundTrip = (reason: unknown) => decodeReason(structuredClone(encodeReason(reason)!)) as Error;

describe('the error codec', () => {
  it.each(HOSTILE_NAMES)('keeps a class named %s: an Error of that class name with its message', (className) => {
    const decoded = roundTrip(new (named(className))(`from ${className}`));
    expect(decoded).toBeInstanceOf(Error);
    expect(decoded.constructor.name).toBe(className);
    expect(decoded.message).toBe(`from ${className}`);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(decoded))).toBe(Error.prototype);
  });

  it('survives throwing getters and a Proxy whose every trap throws', () => {
    const error = errorWithThrowingGetters();
    const decoded = roundTrip(error) as Error & { detail: unknown };
    expect(decoded.message).toBe('getters throw');
    expect(decoded.detail).toBe('[unreadable: its getter threw]');
    const trap = () => {
      throw new Error('trap');
    };
    const proxy = new Proxy(new Error('proxied'), { get: trap, getPrototypeOf: trap, ownKeys: trap, has: trap });
    expect(() => encodeReason(proxy)).not.toThrow();
  });

  it('defines an own __proto__ property instead of assigning it (no prototype change)', () => {
    const error = new Error('proto prop');
    Object.defineProperty(error, '__proto__', { value: { polluted: true }, enumerable: true });
    const decoded = roundTrip(error);
    expect(Object.getPrototypeOf(decoded)).toBe(Error.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('caches at most MAX_STAND_INS stand-in classes', () => {
    for (let i = 0; i < MAX_STAND_INS + 50; i++) roundTrip(new (named(`Generated${i}Error`))('x'));
    expect(standInCount()).toBe(MAX_STAND_INS);
    expect(roundTrip(new (named('Generated0Error'))('again')).constructor.name).toBe('Generated0Error');
  });

  it('keeps the cached names within MAX_STAND_IN_CHARS, and never caches a huge one', () => {
    for (let i = 0; i < 100; i++) roundTrip(new (named(`${'Long'.repeat(200)}${i}Error`))('x'));
    expect(standInNameChars()).toBeLessThanOrEqual(MAX_STAND_IN_CHARS);
    const before = standInNameChars();
    const huge = roundTrip(new (named(`${'Huge'.repeat(50_000)}Error`))('kept'));
    expect(huge.constructor.name).toHaveLength(200_005);
    expect(standInNameChars()).toBe(before);
  });
});

describe('hostile errors through the worker', () => {
  const hostile = new URL('../worker/fixtures/hostile.mjs', import.meta.url);
  const call = (exportName: string, ...args: unknown[]) => {
    try {
      return { returned: workerSynced(hostile, exportName, { timeout: 10_000 })(...args) };
    } catch (error) {
      return { className: (error as Error).constructor.name, message: (error as Error).message };
    }
  };

  it('come back as errors of their class name, and the worker lives on', () => {
    for (const className of HOSTILE_NAMES)
      expect(call('rejectsAs', className, `m-${className}`)).toEqual({ className, message: `m-${className}` });
    expect(call('rejectsWithThrowingGetters')).toEqual({ className: 'Error', message: 'getters throw' });
    // A Proxy whose traps all throw cannot be read as an error nor cloned: it is reported as such.
    expect(call('rejectsWithHostileProxy')).toMatchObject({
      className: 'WorkerCloneError',
      message: expect.stringMatching(/the rejection reason .* cannot be cloned/),
    });
    expect(call('rejectsWithProtoProperty')).toEqual({ className: 'Error', message: 'proto prop' });
    expect(call('ping')).toEqual({ returned: 'pong' });
  });
});
