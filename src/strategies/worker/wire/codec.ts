/**
 * The error codec, on both threads: an error keeps its class name, code, cause, custom properties and stack. Encoding
 * never throws: in the worker a throw ends the thread.
 */
import { describeSafely, isCloneable } from './clone.js';
import type { Encoded, ErrorOrigin } from './protocol.js';

export type EncodedError = Extract<Encoded, { kind: 'error' }>;

function isErrorLike(value: unknown): value is Error {
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
  } catch {
    return false; // a Proxy whose traps throw
  }
}

/** `object[key]`, or `fallback` when reading it throws: a getter or a Proxy trap must never take the worker down. */
function readSafely(object: object, key: PropertyKey, fallback: unknown): unknown {
  try {
    return (object as Record<PropertyKey, unknown>)[key];
  } catch {
    return fallback;
  }
}

const UNREADABLE = Symbol('unreadable');

/** A string for a name or message: strings as they are, anything else converted, or a placeholder if that throws. */
function textOf(value: unknown, fallback: string): string {
  if (typeof value === 'string') return value;
  if (value === UNREADABLE) return fallback;
  try {
    return String(value);
  } catch {
    return fallback;
  }
}

/**
 * Encodes a rejection reason; undefined when a non-error reason cannot be cloned. An error property that cannot be
 * cloned, or whose getter throws, becomes a description, so an error always crosses.
 */
export function encodeReason(
  reason: unknown,
  depth = 0,
  originOf?: (error: Error) => ErrorOrigin | undefined,
): Encoded | undefined {
  if (!isErrorLike(reason)) return isCloneable(reason) ? { kind: 'value', value: reason } : undefined;
  const props: Record<string, unknown> = {};
  let keys: string[] = [];
  try {
    keys = Object.keys(reason);
  } catch {
    // a Proxy whose ownKeys trap throws: no custom properties
  }
  for (const key of keys) {
    if (key === 'stack' || key === 'message' || key === 'cause') continue;
    const value = readSafely(reason, key, UNREADABLE);
    const kept =
      value === UNREADABLE
        ? '[unreadable: its getter threw]'
        : isCloneable(value)
          ? value
          : `[not cloneable: ${describeSafely(value)}]`;
    // defined, not assigned: a key like `__proto__` must stay a plain property
    Object.defineProperty(props, key, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  const className = readSafely(readSafely(reason, 'constructor', undefined) ?? {}, 'name', undefined);
  const stack = readSafely(reason, 'stack', undefined);
  const encoded: Encoded = {
    kind: 'error',
    className: typeof className === 'string' && className !== '' ? className : 'Error',
    name: textOf(readSafely(reason, 'name', UNREADABLE), 'Error'),
    message: textOf(readSafely(reason, 'message', UNREADABLE), '[unreadable message]'),
    stack: typeof stack === 'string' ? stack : undefined,
    props,
  };
  const origin = originOf && originSafely(originOf, reason);
  if (origin) encoded.origin = origin;
  let hasCause = false;
  try {
    hasCause = 'cause' in reason;
  } catch {
    // a Proxy whose has trap throws
  }
  if (hasCause) {
    const cause = readSafely(reason, 'cause', UNREADABLE);
    encoded.cause =
      depth >= 8
        ? { kind: 'value', value: '[cause chain too deep]' }
        : cause === UNREADABLE
          ? { kind: 'value', value: '[unreadable: its getter threw]' }
          : (encodeReason(cause, depth + 1, originOf) ?? {
              kind: 'value',
              value: `[not cloneable: ${describeSafely(cause)}]`,
            });
  }
  return encoded;
}

function originSafely(originOf: (error: Error) => ErrorOrigin | undefined, error: Error): ErrorOrigin | undefined {
  try {
    return originOf(error);
  } catch {
    return undefined; // a Proxy whose traps throw, a throwing getter on an export
  }
}

/** The built-in error classes by name (a Map: a name like `toString` must not find Object.prototype's). */
const builtinErrors = new Map<string, ErrorConstructor>(
  [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError].map((builtin) => [
    builtin.name,
    builtin,
  ]),
);

/** Stand-in classes by name, bounded (oldest dropped): the worker chooses the names, not this thread's memory. */
const standIns = new Map<string, ErrorConstructor>();
export const MAX_STAND_INS = 256;
export const MAX_STAND_IN_CHARS = 64 * 1024;
const MAX_CACHED_NAME = 1024;
let standInChars = 0;

function standInFor(className: string, name: string): ErrorConstructor {
  const builtin = builtinErrors.get(className);
  if (builtin && name === builtin.prototype.name) return builtin;
  const key = `${className}\0${name}`;
  let standIn = standIns.get(key);
  if (!standIn) {
    const base = builtin ?? Error;
    standIn = Object.defineProperty(class extends base {}, 'name', {
      value: className,
      configurable: true,
    }) as ErrorConstructor;
    Object.defineProperty(standIn.prototype, 'name', { value: name, writable: true, configurable: true });
    if (key.length > MAX_CACHED_NAME) return standIn;
    standInChars += key.length;
    standIns.set(key, standIn);
    for (const oldest of standIns.keys()) {
      if (standIns.size <= MAX_STAND_INS && standInChars <= MAX_STAND_IN_CHARS) break;
      standIns.delete(oldest);
      standInChars -= oldest.length;
    }
  }
  return standIn;
}

/** How many stand-in classes are cached, and the length of their names in all (for tests). */
export const standInCount = (): number => standIns.size;
export const standInNameChars = (): number => standInChars;

/**
 * Rebuilds a reason on the calling thread: an error as `classFor`'s class or a stand-in, `callerStack` under its
 * stack. Properties are defined, not assigned, so no key (`__proto__`, a setter's name) runs code.
 */
export function decodeReason(
  encoded: Encoded,
  callerStack?: string,
  classFor?: (error: EncodedError) => Function | undefined,
): unknown {
  if (encoded.kind === 'value') return encoded.value;
  const real = classFor?.(encoded);
  const error = Object.create((real ?? standInFor(encoded.className, encoded.name)).prototype as object) as Error;
  const hidden = (value: unknown) => ({ value, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(error, 'message', hidden(encoded.message));
  const stack = encoded.stack ?? `${encoded.name}: ${encoded.message}`;
  Object.defineProperty(error, 'stack', hidden(callerStack ? `${stack}\n${callerStack}` : stack));
  if (encoded.cause) Object.defineProperty(error, 'cause', hidden(decodeReason(encoded.cause, undefined, classFor)));
  for (const key of Object.keys(encoded.props)) {
    Object.defineProperty(error, key, {
      value: encoded.props[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return error;
}
