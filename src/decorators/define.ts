/** The generated variants (`fooSync` blocking on `this.afoo`, `afoo` desyncing `this.fooSync`) and their definition. */
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
 * V8 copies a fast-mode prototype's whole shape on each property added, so adding n methods costs O(n^2). Adding and
 * deleting one first switches it to dictionary mode, where adding is O(1); V8 makes a prototype fast again on its
 * first use as one (bench: `decorate a class with 200 async methods`).
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
  // Named at creation, cheaper than redefining `name`.
  if (original.length !== 0) Object.defineProperty(fn, 'length', { value: original.length, configurable: true });
  if (decoration.direction === 'async') {
    recordCoroutine(fn, 'asynchro');
    markWrapper(fn, original);
  }
  generatedVariants.add(fn);
  Object.defineProperty(target, variant, { value: fn, writable: true, configurable: true, enumerable: false });
}

/**
 * `fooSync(...args)`: blocks on `this.afoo(...args)`. A coroutine is refused before it starts where the pump cannot
 * block; any other method runs, and only an awaitable result is waited for. An async iterable result becomes a sync
 * iterable. The call can move to a worker when the class has a `module` or the instance is a client's sub-resource.
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
  // Made on the first call that may move: most classes never have one.
  let movable: CallSite | undefined;
  const alwaysMovable = decoration.home !== undefined && !isStatic;
  const siteOf = (receiver: unknown): CallSite =>
    alwaysMovable || (!isStatic && isResource(receiver)) ? (movable ??= movableSite(local, method)) : local;
  if (coroutine && reason !== 'included') {
    // A coroutine returns a promise, never a bare async iterable.
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

/** `afoo(...args)`: `this.fooSync(...args)` through `desync`, or with the class's `module` on a twin in the pool. */
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

/** Looked up on each call, so that overrides in subclasses count. */
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
