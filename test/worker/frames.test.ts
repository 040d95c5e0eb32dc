/**
 * The shared-memory frames (src/strategies/worker/wire/frames.ts): which requests and replies take a frame, and, through
 * a real worker, that a value comes back the same whether it crossed in a frame or on the MessagePort.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { terminateWorkers } from '../../src/subpaths/worker.js';
import { workerSynced } from '../../src/index.js';
import { FRAME_BYTES, Frames } from '../../src/strategies/worker/wire/frames.js';
import {
  REPLY_FRAME,
  REQUEST_FRAME,
  STATE_SLOTS,
  type CallRequest,
} from '../../src/strategies/worker/wire/protocol.js';

const newFrames = () => {
  const state = new Int32Array(new SharedArrayBuffer(STATE_SLOTS * 4));
  return { state, frames: new Frames(state) };
};
const call = (id: number, args: unknown[], more: Partial<CallRequest> = {}): CallRequest => ({
  id,
  target: { key: 3 },
  args,
  ...more,
});

describe('frames', () => {
  it('a call to a known target goes in the request frame and comes out the same', () => {
    const { state, frames } = newFrames();
    expect(frames.sendRequest(call(7, [1, 'two', { three: [3] }]))).toBe(true);
    expect(state[REQUEST_FRAME]).toBe(1);
    expect(frames.takeRequest()).toStrictEqual(call(7, [1, 'two', { three: [3] }]));
    expect(state[REQUEST_FRAME]).toBe(0);
    expect(frames.takeRequest()).toBeUndefined();
  });

  it('one request at a time: while the frame is taken, the next goes by the port', () => {
    const { frames } = newFrames();
    expect(frames.sendRequest(call(1, []))).toBe(true);
    expect(frames.sendRequest(call(2, []))).toBe(false);
    expect(frames.takeRequest()?.id).toBe(1);
    expect(frames.sendRequest(call(3, []))).toBe(true);
  });

  it('what is not a plain call to a known target goes by the port, and leaves the frame free', () => {
    const { state, frames } = newFrames();
    const posted: unknown[] = [
      { ping: 1 },
      { release: 2 },
      call(3, [], { target: { key: 3, place: { module: 'file:///m.mjs', exportName: 'f' } } }),
      call(4, [], { target: { key: 3, instance: { twin: 1, method: 'm' } } }),
      call(5, [], { target: { key: 0, iterator: { id: 1, op: 'next' } } }),
      call(6, [], { contexts: [] }),
      call(7, [], { transfer: true }),
      call(8, [new Map()]),
      call(9, [new Uint8Array(FRAME_BYTES)]),
      call(10, [
        {
          get boom(): never {
            throw new Error('getter');
          },
        },
      ]),
    ];
    for (const request of posted) expect(frames.sendRequest(request as CallRequest)).toBe(false);
    expect(state[REQUEST_FRAME]).toBe(0);
  });

  it('a reply goes in the reply frame only for the call whose request came in one, and only while it is free', () => {
    const { state, frames } = newFrames();
    expect(frames.sendReply(1, 'never asked')).toBe(false);
    frames.sendRequest(call(1, []));
    frames.takeRequest();
    expect(frames.sendReply(1, [1, 2])).toBe(true);
    expect(state[REPLY_FRAME]).toBe(1);
    frames.sendRequest(call(2, []));
    frames.takeRequest();
    expect(frames.sendReply(2, 'the frame is still taken')).toBe(false); // the caller has not read reply 1 yet
    expect(frames.takeReply()).toStrictEqual({ id: 1, value: [1, 2] });
    expect(frames.takeReply()).toBeUndefined();
  });

  it('a reply the codec does not take leaves the reply frame free', () => {
    const { state, frames } = newFrames();
    frames.sendRequest(call(1, []));
    frames.takeRequest();
    expect(frames.sendReply(1, new Date(0))).toBe(false);
    expect(state[REPLY_FRAME]).toBe(0);
  });
});

describe('frames, through a real worker', () => {
  afterAll(terminateWorkers);
  const echo = workerSynced<(value: unknown) => Promise<unknown>>(
    new URL('./fixtures/targets.mjs', import.meta.url),
    'echo',
    { timeout: 10_000 },
  );
  const values: [string, unknown][] = [
    ['a number', 42],
    ['a string', 'héllo \uD800'],
    ['a bigint', -(2n ** 70n)],
    ['a plain object', { a: [1, { b: null }], c: undefined }],
    ['a Uint8Array', new Uint8Array([1, 2, 3])],
    ['a Map (posted)', new Map([[1, { two: 2 }]])],
    ['a Date (posted)', new Date(1)],
    [
      'a shared reference (posted)',
      (() => {
        const shared = { s: 1 };
        return [shared, shared];
      })(),
    ],
    ['a string past a frame (posted)', 'z'.repeat(FRAME_BYTES)],
    ['a Uint8Array past a frame (posted)', new Uint8Array(FRAME_BYTES + 1).fill(5)],
  ];
  for (const [what, value] of values) {
    it(`${what} comes back as a structured clone`, () => {
      expect(echo(value)).toStrictEqual(structuredClone(value));
      expect(echo(value)).toStrictEqual(structuredClone(value)); // the second call finds the target known: framed
    });
  }

  it('a shared reference stays shared', () => {
    const shared = { s: 1 };
    const back = echo([shared, shared]) as { s: number }[];
    expect(back[0]).toBe(back[1]);
  });
});
