/**
 * What crosses between the calling thread and a worker: requests, replies, and rejection reasons encoded so that an
 * error keeps its class name, message, code, cause, custom properties and stack (structured clone alone keeps
 * only the built-in error types and drops custom properties).
 */

import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

/** Slots of the shared Int32Array. */
export const REPLIES = 0; // bumped by the worker after each message it posts to the caller
export const THREAD = 1; // the worker's OS thread id (Linux; 0 elsewhere), so a blocked caller can see it vanish
export const STATE_SLOTS = 2;

/** Where a target lives. */
export interface Place {
  /** A URL the worker can `import()`. */
  module: string;
  exportName: string;
}

/** The target as the worker resolves it. */
export interface TargetSpec {
  /** The caller's number for this module and export; `place` travels only until the worker has seen it. */
  key: number;
  place?: Place;
  /**
   * For a class target: the twin to call (or the object at `path` from it), and its constructor arguments when the
   * worker has not built it yet.
   */
  instance?: { twin: number; constructorArgs?: unknown[]; method: string; path?: readonly string[]; fields?: Record<string, unknown> };
  /** A step of an async iterator the worker keeps (`place` and `instance` are then unused). */
  iterator?: { id: number; op: 'next' | 'return' | 'throw' };
}

/** A context value to re-enter in the worker: `enter(value, run)` exported by `module`. */
export interface ContextSpec {
  module: string;
  exportName: string;
  value: unknown;
}

export interface CallRequest {
  id: number;
  target: TargetSpec;
  args: unknown[];
  contexts: ContextSpec[];
}

/** The worker may drop a twin whose caller-side instance is gone. */
export interface ReleaseRequest {
  release: number;
}

/** Answered at once with a `value` reply of that id: is the worker's event loop free? */
export interface PingRequest {
  ping: number;
}

export type Request = CallRequest | ReleaseRequest | PingRequest;

/** Console output written in the worker during calls: `[fd, chunk]`, replayed in order by the caller. */
export type Output = [1 | 2, string | Uint8Array];

export type Outcome =
  | { kind: 'value'; value: unknown; fields?: Record<string, unknown> }
  /** The call returned an async iterable (not a promise): the worker keeps its iterator under this number. */
  | { kind: 'iterator'; iterator: number; fields?: Record<string, unknown> }
  | { kind: 'rejected'; reason: Encoded; twinBuilt?: boolean; fields?: Record<string, unknown> }
  | { kind: 'startup'; message: string; cause?: Encoded; /** when it is not the target's: a preload or the runner */ module?: string }
  | { kind: 'clone'; what: string; message: string }
  | { kind: 'deadlock' }
  | { kind: 'exit'; code: number; cause?: Encoded };

/** `id` 0 concerns every pending call (the worker is exiting). */
export interface Reply {
  id: number;
  outcome: Outcome;
  output: Output[];
}

export const READY = 'ready';

/** A rejection reason in transit. */
export type Encoded =
  | { kind: 'value'; value: unknown }
  | {
      kind: 'error';
      className: string;
      name: string;
      message: string;
      stack: string | undefined;
      props: Record<string, unknown>;
      cause?: Encoded;
    };

/** Throws a DataCloneError when `value` cannot be structured-cloned. */
export const assertCloneable = (value: unknown): void => void structuredClone(value);

export function isCloneable(value: unknown): boolean {
  try {
    assertCloneable(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where inside `value` the first part that cannot be cloned is, as a property path (`.fetch`, `.options.agent`,
 * `[2]`); empty when it is `value` itself (or nothing is found within a few levels).
 */
export function uncloneablePath(value: unknown, depth = 0, seen = new Set<object>()): string {
  if (depth > 6 || typeof value !== 'object' || value === null || seen.has(value)) return '';
  seen.add(value);
  let entries: [string, unknown][];
  try {
    if (value instanceof Map) entries = [...value.entries()].map(([key, child]): [string, unknown] => [`.get(${String(key)})`, child]);
    else if (Array.isArray(value)) entries = value.map((child, index): [string, unknown] => [`[${index}]`, child]);
    else entries = Object.keys(value).map((key): [string, unknown] => [`.${key}`, (value as Record<string, unknown>)[key]]);
  } catch {
    return ''; // a throwing getter: the value itself is the one that cannot cross
  }
  for (const [key, child] of entries) if (!isCloneable(child)) return key + uncloneablePath(child, depth + 1, seen);
  return '';
}

/** The value at `path` (as `uncloneablePath` writes it) inside `value`, for describing it. */
export function valueAt(value: unknown, path: string): unknown {
  let at = value;
  for (const [, key, index, mapKey] of path.matchAll(/\.([^.[]+)|\[(\d+)\]|\.get\(([^)]*)\)/g)) {
    try {
      if (mapKey !== undefined && at instanceof Map) at = [...at.entries()].find(([candidate]) => String(candidate) === mapKey)?.[1];
      else at = (at as Record<string, unknown>)[key ?? index!];
    } catch {
      return undefined;
    }
  }
  return at;
}

/**
 * A decorated instance's own data fields that cross with each relocated call (and come back after it): primitives,
 * and plain objects and arrays that can be cloned. Functions, class instances (a resource, an agent, a client)
 * and anything else that cannot be cloned stay where they are: never replaced by a plain copy.
 */
export function dataFields(instance: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(instance)) {
    let value: unknown;
    try {
      value = (instance as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    if (value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol')) fields[key] = value;
    else if (typeof value === 'object') {
      const prototype = Object.getPrototypeOf(value) as unknown;
      if ((prototype === Object.prototype || prototype === null || Array.isArray(value)) && isCloneable(value)) fields[key] = value;
    }
  }
  return fields;
}

/** A short description of a value for messages: `a function`, `an instance of Socket`, `a symbol`. */
export function describe(value: unknown): string {
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  if (typeof value === 'symbol') return 'a symbol';
  if (value !== null && typeof value === 'object') {
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return name && name !== 'Object' ? `an instance of ${name}` : 'an object holding something that cannot be cloned';
  }
  return typeof value;
}

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

/** `describe`, or a placeholder where describing throws (a Proxy). */
export function describeSafely(value: unknown): string {
  try {
    return describe(value);
  } catch {
    return 'a value that cannot be described';
  }
}

/**
 * Encodes a rejection reason. Returns undefined when a non-error reason cannot be cloned. Error properties that
 * cannot be cloned, or whose getter throws, are replaced by a description, so the error itself always crosses,
 * whatever its shape: this runs in the worker, where a throw here would end the thread.
 */
export function encodeReason(reason: unknown, depth = 0): Encoded | undefined {
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
    const kept = value === UNREADABLE ? '[unreadable: its getter threw]' : isCloneable(value) ? value : `[not cloneable: ${describeSafely(value)}]`;
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
          : (encodeReason(cause, depth + 1) ?? { kind: 'value', value: `[not cloneable: ${describeSafely(cause)}]` });
  }
  return encoded;
}

/** The built-in error classes by name (a Map: a name like `toString` must not find Object.prototype's). */
const builtinErrors = new Map<string, ErrorConstructor>(
  [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError].map((builtin) => [builtin.name, builtin]),
);

/**
 * One stand-in class per error class name seen, so that `error.constructor.name` is the worker's class name. At most
 * `MAX_STAND_INS`, the oldest dropped first: a name seen again after that gets a new class of the same name.
 */
const standIns = new Map<string, ErrorConstructor>();
export const MAX_STAND_INS = 256;

function standInFor(className: string, name: string): ErrorConstructor {
  const builtin = builtinErrors.get(className);
  if (builtin && name === builtin.prototype.name) return builtin;
  const key = `${className}\0${name}`;
  let standIn = standIns.get(key);
  if (!standIn) {
    const base = builtin ?? Error;
    standIn = Object.defineProperty(class extends base {}, 'name', { value: className, configurable: true }) as ErrorConstructor;
    Object.defineProperty(standIn.prototype, 'name', { value: name, writable: true, configurable: true });
    if (standIns.size >= MAX_STAND_INS) standIns.delete(standIns.keys().next().value!);
    standIns.set(key, standIn);
  }
  return standIn;
}

/** How many stand-in classes are cached (for tests). */
export const standInCount = (): number => standIns.size;

/**
 * Rebuilds a reason on the calling thread. An error becomes an instance of a stand-in class with the worker's class
 * name (it is not the worker's class itself, so `instanceof` that class is false), with `callerStack` appended to
 * its stack. Custom properties are defined, not assigned, so no key (`__proto__`, a setter's name) runs code.
 */
export function decodeReason(encoded: Encoded, callerStack?: string, classFor?: (className: string) => Function | undefined): unknown {
  if (encoded.kind === 'value') return encoded.value;
  const real = classFor?.(encoded.className);
  const error = Object.create((real ?? standInFor(encoded.className, encoded.name)).prototype as object) as Error;
  const hidden = (value: unknown) => ({ value, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(error, 'message', hidden(encoded.message));
  const stack = encoded.stack ?? `${encoded.name}: ${encoded.message}`;
  Object.defineProperty(error, 'stack', hidden(callerStack ? `${stack}\n${callerStack}` : stack));
  if (encoded.cause) Object.defineProperty(error, 'cause', hidden(decodeReason(encoded.cause, undefined, classFor)));
  for (const key of Object.keys(encoded.props)) {
    Object.defineProperty(error, key, { value: encoded.props[key], enumerable: true, writable: true, configurable: true });
  }
  return error;
}

/**
 * How long to keep checking for a message before sleeping, adapted like a mutex's adaptive spin. A thread
 * wake-up costs tens of microseconds, so a short check wins when the other thread answers at once on its own
 * core. It loses when there is no spare core: the checking thread then takes CPU time from the very thread it
 * waits for. So checking stops while the machine is busy (load average above the cores two threads leave free)
 * and after four checks in a row that found nothing (with a retry every 64 calls).
 */
export class SpinBudget {
  private misses = 0;
  private callsSinceRetry = 0;
  private busy = false;
  private busyCheckedAt = -Infinity;

  constructor(private readonly maxMicroseconds: number) {}

  /** Milliseconds to spend checking before the next sleep. */
  next(): number {
    if (this.maxMicroseconds <= 0 || this.machineBusy()) return 0;
    if (this.misses < 4) return this.maxMicroseconds / 1000;
    if (++this.callsSinceRetry < 64) return 0;
    this.callsSinceRetry = 0;
    return this.maxMicroseconds / 1000;
  }

  /** Records whether the last check found the message. */
  record(found: boolean): void {
    this.misses = found ? 0 : this.misses + 1;
  }

  private machineBusy(): boolean {
    const now = performance.now();
    if (now - this.busyCheckedAt > 500) {
      this.busyCheckedAt = now;
      this.busy = loadavg()[0]! > availableParallelism() - 1.5;
    }
    return this.busy;
  }
}
