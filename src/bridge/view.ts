/**
 * `syncView(target)`: a blocking view of an async object. Methods run with the real object as `this`, so `#private`
 * fields and getters work; the view only forwards.
 */
import { markCoroutine } from '../metadata/coroutine.js';
import { NO_CALL_OPTIONS, callOptions, checkOptions, describeValue, type CallOptions } from '../options.js';
import { carrySignals, workSignal } from '../strategies/call-signal.js';
import { requestOptionsIndex, withSignal } from '../strategies/request-options.js';
import { relocateInstanceCall, type CallSite, type Relocation } from '../strategies/relocation.js';
import type { SyncOptions } from '../types.js';
import { callSync } from './sync.js';
import { keepShape } from './shape.js';
import type { SyncView } from './view-types.js';

interface ViewRoot {
  readonly options: CallOptions;
  readonly views: WeakMap<object, object>;
}

interface ViewState {
  readonly root: ViewRoot;
  readonly target: object;
  /** The path that reached this object: `chat.completions`, or `models.list()` for a returned value. */
  readonly path: string;
  readonly members: Map<string, { value: unknown; member: unknown }>;
  iterate?: () => IterableIterator<unknown>;
}

const statesOfViews = new WeakMap<object, ViewState>();
/** Per options object: its options as first read, and the views made under them. */
const rootsByOptions = new WeakMap<object, ViewRoot>();
const NO_OPTIONS_ROOT: ViewRoot = { options: NO_CALL_OPTIONS, views: new WeakMap() };

/**
 * A view of `target` whose method calls block until the promise they return settles. `options` apply to every call
 * through the view and the views it hands out. The same `target` and `options` object give the same view.
 */
export function syncView<T extends object>(target: T, options?: SyncOptions): SyncView<T> {
  if ((typeof target !== 'object' && typeof target !== 'function') || target === null) {
    throw new TypeError(
      `asynchro-bridge: syncView(target) needs an object (a client or one of its resources); got ${describeValue(target)}. ` +
        `For a single async function, use synced(fn).`,
    );
  }
  const root = options === undefined ? NO_OPTIONS_ROOT : rootFor(options);
  const seen = statesOfViews.get(target); // a view of a view is a view of the same object
  const real = seen ? seen.target : target;
  return viewOf(root, real, seen ? seen.path : '') as SyncView<T>;
}

function rootFor(options: SyncOptions): ViewRoot {
  const known = typeof options === 'object' && options !== null ? rootsByOptions.get(options) : undefined;
  if (known) return known;
  const root: ViewRoot = {
    options: callOptions(checkOptions(options, 'syncView(target, options)')),
    views: new WeakMap(),
  };
  rootsByOptions.set(options, root);
  return root;
}

function viewOf(root: ViewRoot, target: object, path: string): object {
  const cached = root.views.get(target);
  if (cached) return cached;
  const state: ViewState = { root, target, path, members: new Map() };
  const view = new Proxy(target, {
    get: (_, key) => memberOf(state, key),
    has: (_, key) => Reflect.has(target, key) || (key === Symbol.iterator && isAsyncIterable(target)),
    set: (_, key, value) => Reflect.set(target, key, value, target), // setters see the real object
  });
  statesOfViews.set(view, state);
  root.views.set(target, view);
  return view;
}

/** Members the runtime calls on its own (`await`, `JSON.stringify`): bound, not blocking, so awaiting a view is safe. */
const PASSED_THROUGH: ReadonlySet<string> = new Set([
  'constructor',
  'then',
  'toJSON',
  'toString',
  'valueOf',
  'toLocaleString',
]);

function memberOf(state: ViewState, key: string | symbol): unknown {
  const { target } = state;
  const value: unknown = Reflect.get(target, key, target); // getters see the real object
  if (key === Symbol.iterator && value === undefined && isAsyncIterable(target))
    return (state.iterate ??= iterate.bind(state));
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (typeof key === 'symbol' || PASSED_THROUGH.has(key))
    return typeof value === 'function' ? value.bind(target) : value;
  const known = state.members.get(key);
  if (known && known.value === value) return known.member;
  if (!mayReplace(target, key)) return value; // a frozen property must read as itself (a Proxy invariant)
  const path = join(state.path, key);
  let member: unknown = value;
  if (typeof value === 'function') member = blockingMethod(state, value as Function, key, path);
  else if (isResource(value)) member = viewOf(state.root, value, path);
  state.members.set(key, { value, member });
  return member;
}

/**
 * A method that blocks on what `method` returns. Marked a coroutine, so where the pump cannot block it is refused
 * before `method` runs (before any request is sent).
 */
function blockingMethod(state: ViewState, method: Function, key: string, path: string): Function {
  const { root, target } = state;
  // Named by the path alone: traces read `syncView(chat.completions.create)`.
  const site: CallSite = {
    verb: 'syncView',
    name: path,
    className: undefined,
    coroutine: undefined,
    relocation: undefined,
  };
  const optionsAt = requestOptionsIndex(target, method);
  // A method that takes a signal: from now on, every call's work on this thread carries its own (call-signal.ts).
  if (optionsAt !== undefined) carrySignals();
  if (relocateInstanceCall(target, key))
    site.relocation = () => withSignalAt(relocateInstanceCall(target, key)!, optionsAt);
  Object.freeze(site);
  const call = function (this: unknown, ...args: unknown[]): unknown {
    const signal = optionsAt === undefined ? undefined : workSignal();
    return Reflect.apply(method, this, signal ? withSignal(args, optionsAt!, signal) : args);
  };
  markCoroutine(keepShape(call, method));
  const blocking = function (...args: unknown[]): unknown {
    return resultView(root, callSync(call, target, args, root.options, site), `${path}()`);
  };
  return keepShape(blocking, method);
}

/** On the twin too, the method gets the call's signal in its request options. */
function withSignalAt(relocation: Relocation, signalAt: number | undefined): Relocation {
  if (signalAt === undefined || !relocation.instance) return relocation;
  return { ...relocation, instance: { ...relocation.instance, signalAt } };
}

function resultView(root: ViewRoot, value: unknown, path: string): unknown {
  return isAsyncIterable(value) ? viewOf(root, value as object, path) : value;
}

const nextStep = markCoroutine(function next(this: AsyncIterator<unknown>): unknown {
  return this.next();
});
const returnStep = markCoroutine(function return_(this: AsyncIterator<unknown>, value?: unknown): unknown {
  return this.return!(value);
});

/** `[Symbol.iterator]` of a view of an async-iterable: each `next()` blocks; `break` closes the async iterator. */
function iterate(this: ViewState): IterableIterator<unknown> {
  const { root, target, path } = this;
  const source = (target as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const viewSite = (name: string): CallSite => ({
    verb: 'syncView',
    name,
    className: undefined,
    coroutine: undefined,
    relocation: undefined,
  });
  const nextSite = viewSite(join(path, 'next'));
  const returnSite = viewSite(join(path, 'return'));
  const iterator: IterableIterator<unknown> = {
    next: () => callSync(nextStep, source, [], root.options, nextSite) as IteratorResult<unknown>,
    return: (value?: unknown) =>
      typeof source.return === 'function'
        ? (callSync(returnStep, source, [value], root.options, returnSite) as IteratorResult<unknown>)
        : { done: true, value },
    [Symbol.iterator]: () => iterator,
  };
  return iterator;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function isAsyncIterable(value: unknown): boolean {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  return typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/**
 * A resource to view rather than data to hand back: an instance of a class written in JavaScript, or an object with
 * a method of its own. Arrays, plain data and built-ins (Date, Map, URL, Response...) are data.
 */
function isResource(value: object): boolean {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== null && prototype !== Object.prototype && !isBuiltIn(prototype)) return true;
  return Object.values(value).some((member) => typeof member === 'function');
}

const builtInPrototypes = new WeakMap<object, boolean>();
function isBuiltIn(prototype: object): boolean {
  let known = builtInPrototypes.get(prototype);
  if (known === undefined) {
    const ownConstructor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value as unknown;
    known =
      typeof ownConstructor !== 'function' ||
      (globalThis as Record<string, unknown>)[ownConstructor.name] === ownConstructor || // URL, Response, AbortController...
      Function.prototype.toString.call(ownConstructor).endsWith('{ [native code] }');
    builtInPrototypes.set(prototype, known);
  }
  return known;
}

/** A Proxy must report a non-configurable, non-writable own data property as its exact value. */
function mayReplace(target: object, key: string): boolean {
  const own = Object.getOwnPropertyDescriptor(target, key);
  return !own || own.configurable || own.writable !== false;
}
