/**
 * Variant definition: the generated functions themselves (`fooSync` blocking on `this.afoo`, `afoo` desyncing
 * `this.fooSync`), how each call finds its method and where it runs (this thread, or a twin in a worker through
 * twins.ts), and their definition on the decorated class.
 */
import { callDesync } from '../bridge/desync.js';
import { boxIterable, iterableOf } from '../bridge/iterate.js';
import { callSync } from '../bridge/sync.js';
import { markWrapper, recordCoroutine } from '../metadata/coroutine.js';
import type { CallSite } from '../strategies/relocation.js';
import type { AnyFunction } from '../types.js';
import type { Decoration } from './decoration.js';
import { generatedVariants } from './judging.js';
import type { VariantReason, VariantRecord } from './records.js';
import { isResource, relocationOf } from './twins.js';

/**
 * In V8, each property added to an object in "fast" mode that serves as a prototype copies its whole shape, so
 * adding n methods costs O(n^2) (12 us per method at 200). Adding and deleting a property first switches the
 * object to dictionary mode, where adding is O(1); V8 makes a prototype fast again when it is first used as one.
 * Only the cost of decoration changes, never what it does.
 */
export function preferDictionaryMode(target: object): void {
  const scratch = Symbol('asynchro-bridge:scratch');
  (target as Record<symbol, unknown>)[scratch] = undefined;
  delete (target as Record<symbol, unknown>)[scratch];
}

export function defineVariant(decoration: Decoration, target: object, record: VariantRecord, source: object): void {
  const { method, variant } = record as VariantRecord & { variant: string };
  const original = (source as Record<string, Function>)[method]!;
  const fn =
    decoration.direction === 'sync'
      ? blockingVariant(decoration, method, variant, record.static, record.reason!)
      : asyncVariant(decoration, method, variant, record.static);
  // Named at creation (cheaper than redefining `name`); the arity of the method it stands for.
  if (original.length !== 0) Object.defineProperty(fn, 'length', { value: original.length, configurable: true });
  if (decoration.direction === 'async') {
    recordCoroutine(fn, 'asynchro');
    markWrapper(fn, original);
  } // a blocking variant is a plain function: nothing to record for isReallyCoroutineFunction to judge it sync
  generatedVariants.add(fn);
  Object.defineProperty(target, variant, { value: fn, writable: true, configurable: true, enumerable: false });
}

/**
 * `fooSync(...args)`: blocks on `this.afoo(...args)` through the one path every blocking call takes. A coroutine
 * (known or trusted) is refused before it starts where the pump cannot block; any other method (`methods: 'all'`, an
 * async generator) runs, and only an awaitable result is waited for. An async iterable result (an async
 * generator's, or a non-promise one under `methods: 'all'` / `include`) becomes a sync iterable whose `next()`
 * blocks. The call moves to a worker where the class has a `module`, or the instance is a client's sub-resource.
 */
function blockingVariant(
  decoration: Decoration,
  method: string,
  variant: string,
  isStatic: boolean,
  reason: VariantReason,
): AnyFunction {
  const { syncOptions, className } = decoration;
  const coroutine = reason !== 'all' && reason !== 'async-generator';
  const local: CallSite = Object.freeze({
    verb: variant,
    name: method,
    className,
    coroutine: coroutine || undefined,
    relocation: undefined,
  });
  // The site of a call that may move is made on the first such call: most classes never have one.
  let movable: CallSite | undefined;
  const alwaysMovable = decoration.home !== undefined && !isStatic;
  const siteOf = (receiver: unknown): CallSite =>
    alwaysMovable || (!isStatic && isResource(receiver)) ? (movable ??= movableSite(local, method)) : local;
  if (coroutine && reason !== 'included') {
    // A native (or marked) coroutine returns a promise, never a bare async iterable: the plain path.
    return {
      [variant]: function (this: unknown, ...args: unknown[]): unknown {
        const site = siteOf(this);
        return callSync(methodOf(this, method, site), this, args, syncOptions, site);
      },
    }[variant]!;
  }
  const boxed = {
    [method]: function (this: unknown, ...args: unknown[]): unknown {
      return boxIterable(Reflect.apply(methodOf(this, method, local), this, args));
    },
  }[method]!;
  return {
    [variant]: function (this: unknown, ...args: unknown[]): unknown {
      const site = siteOf(this);
      return iterableOf(callSync(boxed, this, args, syncOptions, site), syncOptions, site);
    },
  }[variant]!;
}

function movableSite(local: CallSite, method: string): CallSite {
  return Object.freeze({ ...local, relocation: (receiver: unknown) => relocationOf(receiver, method, local) });
}

/**
 * `afoo(...args)`: runs `this.fooSync(...args)` through `desync`; a throw becomes the rejection. With the class
 * option `module`, it runs on a twin instance in the worker pool instead, leaving this thread's event loop free.
 */
function asyncVariant(decoration: Decoration, method: string, variant: string, isStatic: boolean): AnyFunction {
  const site: CallSite = {
    verb: variant,
    name: method,
    className: decoration.className,
    coroutine: undefined,
    relocation: undefined,
  };
  if (decoration.home && !isStatic) site.relocation = (receiver) => relocationOf(receiver, method, site);
  Object.freeze(site);
  return {
    [variant]: function (this: unknown, ...args: unknown[]): Promise<unknown> {
      try {
        return callDesync(methodOf(this, method, site), this, args, site);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  }[variant]!;
}

/** The method a variant stands for, looked up on each call so that overrides in subclasses count. */
function methodOf(receiver: unknown, method: string, site: CallSite): AnyFunction {
  const fn = receiver === null || receiver === undefined ? undefined : (receiver as Record<string, unknown>)[method];
  if (typeof fn === 'function') return fn as AnyFunction;
  throw new TypeError(
    receiver === null || receiver === undefined
      ? `asynchro-bridge: ${site.className}.${site.verb} was called without its object: call it as a method, or bind it first.`
      : `asynchro-bridge: ${site.className}.${site.verb}: this.${method} is not a function (it is ${typeof fn}), and the ` +
          `variant calls it on the object it is called on. Call the variant on an instance of ${site.className}.`,
  );
}
