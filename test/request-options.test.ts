/**
 * Where syncView puts the call's signal: only in the request options of a Stainless-generated SDK's resource
 * methods (last parameter `options`, resource holding a client that makes and builds requests), never elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { requestOptionsIndex, withSignal } from '../src/strategies/request-options.js';

const client = { makeRequest() {}, buildRequest() {} };
class Resource {
  _client = client;
  create(body: unknown, options?: unknown) {
    return [body, options];
  }
  list(query = { limit: 1, tags: ['a,b'] }, options?: unknown) {
    return [query, options];
  }
  retrieve(id: string, params: { q?: string } = {}, options?: unknown) {
    return [id, params, options];
  }
  save(data: unknown, settings?: unknown) {
    return [data, settings];
  }
  spread(...args: unknown[]) {
    return args;
  }
  destructured({ a }: { a: number }, options?: unknown) {
    return [a, options];
  }
}
const resource = new Resource();

describe('requestOptionsIndex', () => {
  it('finds a last parameter named options on a generated resource, defaults with commas and brackets included', () => {
    expect(requestOptionsIndex(resource, resource.create)).toBe(1);
    expect(requestOptionsIndex(resource, resource.list)).toBe(1);
    expect(requestOptionsIndex(resource, resource.retrieve)).toBe(2);
  });

  it('tells nothing for other parameter names, rest or destructured parameters, or an object without a client', () => {
    expect(requestOptionsIndex(resource, resource.save)).toBeUndefined();
    expect(requestOptionsIndex(resource, resource.spread)).toBeUndefined();
    expect(requestOptionsIndex(resource, resource.destructured)).toBeUndefined();
    const plain = { create: resource.create };
    expect(requestOptionsIndex(plain, resource.create)).toBeUndefined();
    expect(requestOptionsIndex({ _client: {} }, resource.create)).toBeUndefined();
  });
});

describe('withSignal', () => {
  const signal = new AbortController().signal;

  it('adds { signal } where no options were given, padding skipped parameters', () => {
    expect(withSignal(['body'], 1, signal)).toEqual(['body', { signal }]);
    expect(withSignal([], 1, signal)).toEqual([undefined, { signal }]);
  });

  it('merges into plain options, following a signal already there too', () => {
    const theirs = new AbortController();
    const [, merged] = withSignal(['body', { signal: theirs.signal, timeout: 5 }], 1, signal) as [
      unknown,
      { signal: AbortSignal; timeout: number },
    ];
    expect(merged.timeout).toBe(5);
    expect(merged.signal.aborted).toBe(false);
    theirs.abort(new Error('theirs'));
    expect(merged.signal.reason).toEqual(new Error('theirs'));
  });

  it('leaves arguments alone past the declared parameters, or options that are not a plain object', () => {
    const args = ['body', { signal: undefined }, 'extra'];
    expect(withSignal(args, 1, signal)).toBe(args);
    const options = new Map();
    expect(withSignal(['body', options], 1, signal)[1]).toBe(options);
  });
});
