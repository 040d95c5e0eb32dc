/**
 * The compact messages of calls with `transfer` (src/strategies/worker/wire/compact.ts): which requests take the flat form,
 * and that expanding gives back the request and reply they stand for.
 */
import { describe, expect, it } from 'vitest';
import { compactRequest, expandReply, expandRequest } from '../../src/strategies/worker/wire/compact.js';
import type { CallRequest } from '../../src/strategies/worker/wire/protocol.js';

const bytes = new Uint8Array([1, 2, 3]);
const call = (extra: Partial<CallRequest> = {}, target: CallRequest['target'] = { key: 4 }): CallRequest => ({
  id: 9,
  target,
  args: [bytes, 'x'],
  transfer: true,
  ...extra,
});

describe('compact messages', () => {
  it('a call with transfer to a known target goes flat, and expands to the same request', () => {
    const compact = compactRequest(call());
    expect(compact).toEqual([9, 4, bytes, 'x']);
    expect(expandRequest(compact!)).toEqual(call());
  });

  it('every other request keeps its full form', () => {
    expect(compactRequest(call({ transfer: undefined }))).toBeUndefined();
    expect(compactRequest(call({ contexts: [{ module: 'm', exportName: 'e', value: 1 }] }))).toBeUndefined();
    expect(compactRequest(call({}, { key: 4, place: { module: 'file:///m.mjs', exportName: 'f' } }))).toBeUndefined();
    expect(compactRequest(call({}, { key: 4, instance: { twin: 1, method: 'afoo' } }))).toBeUndefined();
    expect(compactRequest(call({}, { key: 4, iterator: { id: 2, op: 'next' } }))).toBeUndefined();
    expect(compactRequest({ ping: 3 })).toBeUndefined();
    expect(compactRequest({ release: 3 })).toBeUndefined();
  });

  it('a compact reply is a value outcome', () => {
    expect(expandReply([9, bytes])).toEqual({ id: 9, outcome: { kind: 'value', value: bytes } });
    expect(expandReply([9, undefined])).toEqual({ id: 9, outcome: { kind: 'value', value: undefined } });
  });
});
