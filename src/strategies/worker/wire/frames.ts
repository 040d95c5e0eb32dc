/**
 * The shared-memory frames of the blocking worker, on both threads: a request and its reply as bytes (value-codec.ts)
 * instead of posted. It pays on the bench's `worker round trip · async x+1` rows and its 10 kB `workerSynced, copied`
 * row. Only calls to a known target with values the codec takes, and no output, take one.
 */
import { REPLY_FRAME, REQUEST_FRAME, type CallRequest, type Request } from './protocol.js';
import { Cursor } from './value-codec.js';

/** Bytes per frame: a 10 kB argument (or result) still fits. */
export const FRAME_BYTES = 64 * 1024;

export class Frames {
  private readonly request: Cursor;
  private readonly reply: Cursor;
  /** The worker's side: the call whose request came in the frame; only its reply may go back in one. */
  private taken = 0;
  /**
   * The caller's side: the last framed request, until its reply shows it taken (0), sparing the next call an atomic
   * read.
   */
  private requestUntaken = 0;

  constructor(
    private readonly state: Int32Array,
    readonly shared = new SharedArrayBuffer(2 * FRAME_BYTES),
  ) {
    this.request = new Cursor(new Uint8Array(shared, 0, FRAME_BYTES));
    this.reply = new Cursor(new Uint8Array(shared, FRAME_BYTES, FRAME_BYTES));
  }

  /** The caller's side: puts `request` in the request frame if it takes one (then true), or leaves it to the port. */
  sendRequest(request: Request): boolean {
    if (!('target' in request)) return false;
    if (this.requestUntaken !== 0 && Atomics.load(this.state, REQUEST_FRAME) !== 0) return false;
    const { id, target, args, contexts, transfer, abortable } = request;
    if (contexts || transfer || target.place || target.instance || target.iterator) return false;
    const frame = this.request;
    frame.rewind();
    // An abortable call's argument count is stored negated (-1 - count): one number fewer than a flag of its own.
    const count = abortable ? -1 - args.length : args.length;
    if (!frame.number(id) || !frame.number(target.key) || !frame.number(count)) return false;
    for (const arg of args) if (!writes(frame, arg)) return false;
    Atomics.store(this.state, REQUEST_FRAME, 1);
    this.requestUntaken = id;
    return true;
  }

  /** The worker's side: the request in the frame, if there is one (the frame is free again). */
  takeRequest(): CallRequest | undefined {
    if (Atomics.load(this.state, REQUEST_FRAME) === 0) return undefined;
    const frame = this.request;
    frame.rewind();
    const id = frame.read() as number;
    const key = frame.read() as number;
    const count = frame.read() as number;
    const args: unknown[] = new Array(count < 0 ? -1 - count : count);
    for (let index = 0; index < args.length; index++) args[index] = frame.read();
    Atomics.store(this.state, REQUEST_FRAME, 0);
    this.taken = id;
    return count < 0 ? { id, target: { key }, args, abortable: true } : { id, target: { key }, args };
  }

  /** The worker's side: puts call `id`'s value in the reply frame if its request came in one and fits (then true). */
  sendReply(id: number, value: unknown): boolean {
    if (id !== this.taken) return false;
    this.taken = 0;
    if (Atomics.load(this.state, REPLY_FRAME) !== 0) return false;
    const frame = this.reply;
    frame.rewind();
    if (!frame.number(id) || !writes(frame, value)) return false;
    Atomics.store(this.state, REPLY_FRAME, 1);
    return true;
  }

  /** The caller's side: the reply in the frame, if there is one (the frame is free again). */
  takeReply(): { id: number; value: unknown } | undefined {
    if (Atomics.load(this.state, REPLY_FRAME) === 0) return undefined;
    const frame = this.reply;
    frame.rewind();
    const id = frame.read() as number;
    const value = frame.read();
    Atomics.store(this.state, REPLY_FRAME, 0);
    if (id === this.requestUntaken) this.requestUntaken = 0;
    return { id, value };
  }
}

/** A value the codec cannot take, or whose getter throws, goes by the port (whose clone then says what is wrong). */
function writes(frame: Cursor, value: unknown): boolean {
  try {
    return frame.write(value);
  } catch {
    return false;
  }
}
