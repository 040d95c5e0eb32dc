/**
 * What `exposeSync` and `exposeAsync` share: build the subclass, judge every method, name its variant, refuse
 * collisions, define the variants and record each decision in metadata.
 */
import '../metadata/reflect.js';
import { callDesync } from '../bridge/desync.js';
import { keepShape } from '../bridge/shape.js';
import { callSync } from '../bridge/sync.js';
import { DecorationError } from '../errors.js';
import { coroutineReason, markWrapper, recordCoroutine } from '../metadata/coroutine.js';
import { ASYNC_NAME_KEY, COROUTINE_KEY, SYNC_NAME_KEY, VARIANT_KEY, VARIANTS_KEY, type CoroutineReason } from '../metadata/keys.js';
import { memberId, readMemberEntry, type StandardMetadata } from '../metadata/standard.js';
import type { CallSite } from '../strategies/relocation.js';
import { boxIterable, iterableOf } from '../bridge/iterate.js';
import { readOptions, type Decoration, type Direction } from './decoration.js';
import { chosenName } from './marks.js';
import { isResource, relocationOf, rememberConstruction, rememberDecorated } from './twins.js';
import { asyncNameOf, syncNameOf } from './naming.js';

/** What a decoration decided for one method. Readable with `describeVariants` or reflect-metadata (`VARIANT_KEY`). */
export interface VariantRecord {
  /** The decorated class. */
  className: string;
  /** The method judged: an async method for `exposeSync`, a sync one for `exposeAsync`. */
  method: string;
  /** A static method. */
  static: boolean;
  /** `'sync'`: `exposeSync` gave it a blocking variant; `'async'`: `exposeAsync` gave it an async one. */
  direction: 'sync' | 'async';
  /** The variant's name; `undefined` when it has none. */
  variant: string | undefined;
  /**
   * - `generated`: the variant was added by this decoration.
   * - `kept`: a method of that name already existed (the author's, or a decorated base class's) and was left alone.
   * - `excluded`: left out by `include` / `exclude`.
   * - `unnamed`: `rename` or `@syncName(false)` / `@asyncName(false)` gave it no name.
   */
  outcome: 'generated' | 'kept' | 'excluded' | 'unnamed';
  /**
   * Why the method counts as a coroutine function (`exposeSync`), `'included'` when `include` names it;
   * `'async-generator'` for an `async *` method (its variant returns a blocking sync iterable); `'all'` for a
   * method that is none of these under `methods: 'all'` (its variant blocks only when the result is awaitable, and
   * iterates an async iterable result); `undefined` for the sync methods of `exposeAsync`.
   */
  reason: VariantReason | undefined;
}

type VariantReason = CoroutineReason | 'async-generator' | 'all';
type AnyClass = abstract new (...args: unknown[]) => object;
type AnyFunction = (...args: unknown[]) => unknown;

const NOT_STATIC_METHODS = new Set(['length', 'name', 'prototype', 'arguments', 'caller']);

/** Every variant asynchro generated: they are counterparts, never candidates for more variants. */
const generatedVariants = new WeakSet<Function>();
/** Returns the subclass of `Base` with the variants `direction` asks for. */
export function addVariants(
  decorator: string,
  direction: Direction,
  Base: Function,
  options: unknown,
  metadata: StandardMetadata | undefined,
): Function {
  const decoration = readOptions(decorator, direction, Base, options, metadata);
  const home = decoration.home;
  const Decorated = home
    ? class extends (Base as AnyClass) {
        constructor(...args: unknown[]) {
          super(...args);
          rememberConstruction(this, args);
        }
      }
    : class extends (Base as AnyClass) {};
  keepShape(Decorated, Base);
  // The class's own metadata (design:paramtypes for dependency injection...) stays readable as own metadata.
  for (const key of Reflect.getOwnMetadataKeys(Base)) {
    if (key !== VARIANTS_KEY) Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, Base), Decorated);
  }
  rememberDecorated(Decorated.prototype, home);

  const records = [
    ...addSide(decoration, Base.prototype as object, Decorated.prototype, Object.prototype, false),
    ...(decoration.statics ? addSide(decoration, Base, Decorated, Function.prototype, true) : []),
  ];
  checkListed(decoration, records, 'include', decoration.include);
  checkListed(decoration, records, 'exclude', decoration.exclude);
  Reflect.defineMetadata(VARIANTS_KEY, Object.freeze(records), Decorated);
  if (metadata) {
    // Every class decorator of one class shares its metadata object: `@exposeSync @exposeAsync` adds to one list.
    const earlier = Object.hasOwn(metadata, VARIANTS_KEY) ? (metadata[VARIANTS_KEY] as VariantRecord[]) : [];
    metadata[VARIANTS_KEY] = [...earlier, ...records];
  }
  return Decorated;
}

/** Judges and names the methods of one side (prototype or statics), then defines the variants on `target`. */
function addSide(decoration: Decoration, source: object, target: object, stop: object, isStatic: boolean): VariantRecord[] {
  const records: VariantRecord[] = [];
  const claimedBy = new Map<string, string>();
  const toldByMember = new Set<VariantRecord>();
  for (const { name, fn } of methodsOf(source, stop, isStatic)) {
    // The function's own verdict first (native, marked, made or wrapped by asynchro): a native async method with
    // some other decorator on it is reported as native, not as design-type.
    const ownReason = coroutineReason(fn);
    const memberReason = ownReason ?? memberReasonOf(decoration, source, name, fn, isStatic);
    const generator = isAsyncGeneratorFunction(fn);
    if (decoration.direction === 'async' && (memberReason !== undefined || generator)) continue;
    const reason = decoration.direction === 'sync' ? (memberReason ?? (generator ? 'async-generator' : trustedReason(decoration, name))) : undefined;
    if (decoration.direction === 'sync' && reason === undefined) continue;
    const record: VariantRecord = {
      className: decoration.className,
      method: name,
      static: isStatic,
      direction: decoration.direction,
      variant: undefined,
      outcome: 'excluded',
      reason,
    };
    records.push(record);
    if (reason !== undefined && reason !== 'all' && reason !== 'async-generator' && ownReason === undefined) toldByMember.add(record);
    if (!isSelected(decoration, name)) continue;
    record.variant = variantNameOf(decoration, source, name, fn, isStatic);
    if (record.variant === undefined) {
      record.outcome = 'unnamed';
      continue;
    }
    checkNotReserved(decoration, name, record.variant, isStatic);
    const rival = claimedBy.get(record.variant);
    if (rival !== undefined) {
      throw new DecorationError(
        `${decoration.decorator}(${decoration.className}): ${describe(rival, isStatic)} and ${describe(name, isStatic)} ` +
          `would both get the variant ${record.variant}; rename one (the rename option, or @syncName / @asyncName).`,
        { functionName: `${decoration.className}.${name}` },
      );
    }
    claimedBy.set(record.variant, name);
    record.outcome = isExistingMethod(decoration, target, name, record.variant, isStatic) ? 'kept' : 'generated';
  }
  if (records.some((record) => record.outcome === 'generated')) preferDictionaryMode(target);
  for (const record of records) {
    if (record.outcome === 'generated') defineVariant(decoration, target, record, source);
    // Where only member metadata tells (a standard @coroutine on a replaced function, a design type), the decorated
    // class records the reason, so isReallyCoroutineFunction(instance, method) agrees with the decision.
    if (toldByMember.has(record)) Reflect.defineMetadata(COROUTINE_KEY, record.reason, target, record.method);
    Reflect.defineMetadata(VARIANT_KEY, Object.freeze(record), target, record.method);
  }
  return records;
}

/**
 * In V8, each property added to an object in "fast" mode that serves as a prototype copies its whole shape, so
 * adding n methods costs O(n^2) (12 us per method at 200). Adding and deleting a property first switches the
 * object to dictionary mode, where adding is O(1); V8 makes a prototype fast again when it is first used as one.
 * Only the cost of decoration changes, never what it does.
 */
function preferDictionaryMode(target: object): void {
  const scratch = Symbol('asynchro:scratch');
  (target as Record<symbol, unknown>)[scratch] = undefined;
  delete (target as Record<symbol, unknown>)[scratch];
}

/** Methods of the chain from `start` up to `stop` (excluded), nearest definition first. Accessors are not methods. */
function methodsOf(start: object, stop: object, isStatic: boolean): { name: string; fn: Function }[] {
  const seen = new Set<string>();
  const methods: { name: string; fn: Function }[] = [];
  for (let level: object | null = start; level !== null && level !== stop; level = Object.getPrototypeOf(level) as object | null) {
    for (const name of Object.getOwnPropertyNames(level)) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (isStatic ? NOT_STATIC_METHODS.has(name) : name === 'constructor') continue;
      const { value } = Object.getOwnPropertyDescriptor(level, name)!;
      if (typeof value === 'function' && !generatedVariants.has(value)) methods.push({ name, fn: value });
    }
  }
  return methods;
}

function isAsyncGeneratorFunction(fn: Function): boolean {
  return Object.prototype.toString.call(fn) === '[object AsyncGeneratorFunction]';
}

/**
 * Why a method that is not known as a coroutine gets a blocking variant all the same: `include` names it (trusted as
 * a coroutine), or `methods: 'all'` covers it (public: not `_`-prefixed, and not named like a sync variant).
 */
function trustedReason(decoration: Decoration, name: string): 'included' | 'all' | undefined {
  if (decoration.include?.has(name)) return 'included';
  if (decoration.methods === 'all' && !decoration.include && !name.startsWith('_') && !name.endsWith('Sync')) return 'all';
  return undefined;
}

/**
 * Why the method is a coroutine function, when only its member's marks tell (the function itself does not): a
 * standard-decorator mark, then reflect-metadata (`@coroutine`, or a `design:returntype` of `Promise`).
 */
function memberReasonOf(decoration: Decoration, source: object, name: string, fn: Function, isStatic: boolean): CoroutineReason | undefined {
  return (
    (readMemberEntry(decoration.metadata, COROUTINE_KEY, memberId(name, isStatic)) as CoroutineReason | undefined) ??
    coroutineReason(fn, source, name)
  );
}

function isSelected(decoration: Decoration, name: string): boolean {
  return (decoration.include?.has(name) ?? true) && !decoration.exclude?.has(name);
}

/** The variant's name: `@syncName` / `@asyncName`, else `rename`, else the convention; `undefined` for none. */
function variantNameOf(decoration: Decoration, source: object, name: string, fn: Function, isStatic: boolean): string | undefined {
  const key = decoration.direction === 'sync' ? SYNC_NAME_KEY : ASYNC_NAME_KEY;
  const chosen = (readMemberEntry(decoration.metadata, key, memberId(name, isStatic)) ?? chosenName(key, source, name, fn)) as
    | string
    | false
    | undefined;
  if (chosen !== undefined) return chosen === false ? undefined : chosen;
  const defaultName = decoration.direction === 'sync' ? syncNameOf(name) : asyncNameOf(name);
  const { rename } = decoration;
  if (rename === undefined) return defaultName;
  if (typeof rename === 'function') {
    const renamed = rename(name, defaultName);
    if (renamed !== undefined && (typeof renamed !== 'string' || renamed === '')) {
      throw new DecorationError(
        `${decoration.decorator}(${decoration.className}): rename('${name}') returned ${String(renamed)}; expected a non-empty string, or undefined for no variant.`,
      );
    }
    return renamed;
  }
  if (!Object.hasOwn(rename, name)) return defaultName;
  const renamed = rename[name];
  return renamed === false ? undefined : renamed;
}

/** Names a variant can never take: `constructor` and what every object (or, for statics, every function) has. */
const RESERVED_NAMES = new Set(['constructor', ...Object.getOwnPropertyNames(Object.prototype)]);
const RESERVED_STATIC_NAMES = new Set([...NOT_STATIC_METHODS, ...Object.getOwnPropertyNames(Function.prototype), ...RESERVED_NAMES]);

/** Such a name would be taken for an existing method and silently give no variant: refuse it where it is chosen. */
function checkNotReserved(decoration: Decoration, method: string, variant: string, isStatic: boolean): void {
  if (!(isStatic ? RESERVED_STATIC_NAMES : RESERVED_NAMES).has(variant)) return;
  const owner = variant === 'constructor' ? 'the class constructor' : `${isStatic ? 'Function' : 'Object'}.prototype.${variant}`;
  throw new DecorationError(
    `${decoration.decorator}(${decoration.className}): the variant of ${describe(method, isStatic)} would be named ` +
      `${variant}, which is ${owner}; choose another name (the rename option, or @syncName / @asyncName).`,
    { functionName: `${decoration.className}.${method}` },
  );
}

/**
 * Whether `variant` is already a method on the chain: the author's (never overwritten) or a decorated base
 * class's. A member of that name that is not a method (an accessor, a data property) is a collision.
 */
function isExistingMethod(decoration: Decoration, target: object, method: string, variant: string, isStatic: boolean): boolean {
  if (!(variant in target)) return false;
  for (let level: object | null = target; level !== null; level = Object.getPrototypeOf(level) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(level, variant);
    if (descriptor === undefined) continue;
    if (typeof descriptor.value === 'function') return true;
    const what = descriptor.get || descriptor.set ? 'an accessor (get/set)' : `a property holding ${typeof descriptor.value}`;
    throw new DecorationError(
      `${decoration.decorator}(${decoration.className}): the variant of ${describe(method, isStatic)} would be named ` +
        `${variant}, but ${describe(variant, isStatic)} is already ${what}; rename the variant (the rename option, ` +
        `or @syncName / @asyncName) or the member.`,
      { functionName: `${decoration.className}.${method}` },
    );
  }
  return false;
}

function defineVariant(decoration: Decoration, target: object, record: VariantRecord, source: object): void {
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
function blockingVariant(decoration: Decoration, method: string, variant: string, isStatic: boolean, reason: VariantReason): AnyFunction {
  const { syncOptions, className } = decoration;
  const coroutine = reason !== 'all' && reason !== 'async-generator';
  const local: CallSite = Object.freeze({ verb: variant, name: method, className, ...(coroutine && { coroutine }) });
  const movable: CallSite = Object.freeze({ ...local, relocation: (receiver: unknown) => relocationOf(receiver, method, local) });
  const alwaysMovable = decoration.home !== undefined && !isStatic;
  const siteOf = (receiver: unknown): CallSite => (alwaysMovable || (!isStatic && isResource(receiver)) ? movable : local);
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

/**
 * `afoo(...args)`: runs `this.fooSync(...args)` through `desync`; a throw becomes the rejection. With the class
 * option `module`, it runs on a twin instance in the worker pool instead, leaving this thread's event loop free.
 */
function asyncVariant(decoration: Decoration, method: string, variant: string, isStatic: boolean): AnyFunction {
  const site: CallSite = { verb: variant, name: method, className: decoration.className };
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
      ? `${site.className}.${site.verb} was called without its object: call it as a method, or bind it first.`
      : `${site.className}.${site.verb}: this.${method} is not a function (it is ${typeof fn}).`,
  );
}

function describe(name: string, isStatic: boolean): string {
  return isStatic ? `static ${name}` : name;
}

function checkListed(decoration: Decoration, records: VariantRecord[], option: string, names: ReadonlySet<string> | undefined): void {
  if (!names) return;
  const kind = decoration.direction === 'sync' ? 'an async method' : 'a sync method';
  for (const name of names) {
    if (!records.some((record) => record.method === name)) {
      throw new DecorationError(
        `${decoration.decorator}(${decoration.className}): ${option} names '${name}', which is not ${kind} of ${decoration.className}` +
          `${decoration.statics ? '' : ' (static methods count only with statics: true)'}.`,
      );
    }
  }
}
