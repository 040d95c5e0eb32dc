/**
 * The frames' value codec (frames.ts), on both threads: small values as bytes, read back as a structured clone would
 * give them, or refused, and then posted.
 */
import { types } from 'node:util';

const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const NUMBER = 4;
const STRING = 5;
const BIGINT = 6;
const ARRAY = 7;
const OBJECT = 8;
const BYTES = 9;

export const MAX_DEPTH = 16;
const OWN_PROPERTY = { enumerable: true, writable: true, configurable: true };
export const MAX_OBJECTS = 64;

/** A buffer to write values into (or read them from), with its cursor. */
export class Cursor {
  readonly view: DataView;
  /** The same bytes as a Node Buffer, for its string writes and reads (UTF-16: every string, lone surrogates too). */
  readonly buffer: Buffer;
  offset = 0;
  /** The objects written so far in this value: one met twice is refused (a clone would keep the sharing). */
  private readonly objects: object[] = [];

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Back to the start, for the next frame. */
  rewind(): void {
    this.offset = 0;
    if (this.objects.length > 0) this.objects.length = 0; // a length store is a runtime call: skip it when empty
  }

  /** Writes `value`; false when the codec does not take it (the cursor is then anywhere: rewind). */
  write(value: unknown, depth = 0): boolean {
    switch (typeof value) {
      case 'undefined':
        return this.tag(UNDEFINED);
      case 'boolean':
        return this.tag(value ? TRUE : FALSE);
      case 'number':
        return this.number(value);
      case 'string':
        return this.tag(STRING) && this.string(value);
      case 'bigint':
        return this.tag(BIGINT) && this.string(value.toString(16));
      case 'object':
        return value === null ? this.tag(NULL) : this.object(value, depth);
      default:
        return false; // functions and symbols cannot be cloned at all: the MessagePort says so
    }
  }

  /** A number as a float64 (an id, a length, a value). */
  number(value: number): boolean {
    if (this.offset + 9 > this.bytes.length) return false;
    this.bytes[this.offset] = NUMBER;
    this.view.setFloat64(this.offset + 1, value);
    this.offset += 9;
    return true;
  }

  /** Reads the value at the cursor (written by `write`). */
  read(): unknown {
    const tag = this.bytes[this.offset++];
    switch (tag) {
      case UNDEFINED:
        return undefined;
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case NUMBER: {
        const value = this.view.getFloat64(this.offset);
        this.offset += 8;
        return value;
      }
      case STRING:
        return this.readString();
      case BIGINT: {
        const digits = this.readString();
        return digits.startsWith('-') ? -BigInt(`0x${digits.slice(1)}`) : BigInt(`0x${digits}`);
      }
      case ARRAY: {
        const length = this.readLength();
        const array: unknown[] = new Array(length);
        // A clone defines each element; an assignment to a hole would run a setter the program put on
        // Array.prototype (or Object.prototype) at that index instead, so one found there is stepped around.
        for (let index = 0; index < length; index++) {
          if (index in array) Object.defineProperty(array, index, { value: this.read(), ...OWN_PROPERTY });
          else array[index] = this.read();
        }
        return array;
      }
      case OBJECT: {
        const count = this.readLength();
        const object: Record<string, unknown> = {};
        for (let index = 0; index < count; index++) {
          const key = this.readString();
          // A clone defines each property; an assignment would set the prototype for `__proto__`, and run a setter
          // the program put on Object.prototype (or fail on a read-only property there) for an inherited name.
          if (key in object) Object.defineProperty(object, key, { value: this.read(), ...OWN_PROPERTY });
          else object[key] = this.read();
        }
        return object;
      }
      case BYTES: {
        const length = this.readLength();
        const start = this.aligned();
        this.offset = start + length;
        return this.bytes.slice(start, this.offset); // over a new, unshared ArrayBuffer
      }
      default:
        throw new Error(`asynchro-bridge: corrupt frame (tag ${tag} at ${this.offset - 1})`);
    }
  }

  private tag(tag: number): boolean {
    if (this.offset >= this.bytes.length) return false;
    this.bytes[this.offset++] = tag;
    return true;
  }

  private length(length: number): boolean {
    if (this.offset + 4 > this.bytes.length) return false;
    this.view.setUint32(this.offset, length);
    this.offset += 4;
    return true;
  }

  private readLength(): number {
    const length = this.view.getUint32(this.offset);
    this.offset += 4;
    return length;
  }

  private string(value: string): boolean {
    const bytes = value.length * 2;
    if (!this.length(bytes) || this.offset + bytes > this.bytes.length) return false;
    if (bytes > 0) this.buffer.write(value, this.offset, bytes, 'utf16le');
    this.offset += bytes;
    return true;
  }

  private readString(): string {
    const bytes = this.readLength();
    const start = this.offset;
    this.offset += bytes;
    return bytes === 0 ? '' : this.buffer.toString('utf16le', start, this.offset);
  }

  private object(value: object, depth: number): boolean {
    if (depth >= MAX_DEPTH || this.objects.length >= MAX_OBJECTS || types.isProxy(value)) return false;
    if (this.objects.includes(value)) return false;
    this.objects.push(value);
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype === Uint8Array.prototype) return this.uint8Array(value as Uint8Array);
    if (prototype === Array.prototype) return this.array(value as unknown[], depth);
    if (prototype !== Object.prototype) return false;
    const keys = Object.keys(value);
    if (!this.tag(OBJECT) || !this.length(keys.length)) return false;
    for (const key of keys) {
      if (!this.string(key) || !this.write((value as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return true;
  }

  /** Only a dense array with nothing but its elements: its own keys are exactly 0..length-1. */
  private array(value: unknown[], depth: number): boolean {
    const { length } = value;
    if (length > 0) {
      const keys = Object.keys(value);
      if (keys.length !== length || keys[length - 1] !== String(length - 1)) return false;
    }
    if (!this.tag(ARRAY) || !this.length(length)) return false;
    for (let index = 0; index < length; index++) if (!this.write(value[index], depth + 1)) return false;
    return true;
  }

  /** A clone of a view keeps its whole buffer: only a Uint8Array over all of a plain, fixed-length one is taken. */
  private uint8Array(value: Uint8Array): boolean {
    const { buffer } = value;
    if (!(buffer instanceof ArrayBuffer) || (buffer as { resizable?: boolean }).resizable) return false;
    const length = value.byteLength;
    // Empty: maybe detached, which a clone refuses.
    if (length === 0 || value.byteOffset !== 0 || length !== buffer.byteLength) return false;
    if (!this.tag(BYTES) || !this.length(length)) return false;
    const start = this.aligned();
    if (start + length > this.bytes.length) return false;
    this.bytes.set(value, start);
    this.offset = start + length;
    return true;
  }

  /** The cursor rounded up to 8 bytes in the buffer: a copy to or from shared memory is much faster aligned. */
  private aligned(): number {
    return this.offset + ((8 - ((this.bytes.byteOffset + this.offset) & 7)) & 7);
  }
}
