/** Method decorators `@coroutine`, `@syncName`, `@asyncName`, each standard and legacy alike. */
import { reflectMetadata } from '../metadata/reflect.js';
import { markCoroutine } from '../metadata/coroutine.js';
import { ASYNC_NAME_KEY, COROUTINE_KEY, SYNC_NAME_KEY } from '../metadata/keys.js';
import { memberId, writeMemberEntry, type StandardMetadata } from '../metadata/standard.js';
import { DecorationError } from '../errors.js';
import { isDecoratorContext } from './forms.js';
import type { AnyFunction } from '../types.js';
import type { MethodDecorator } from './types.js';

/**
 * Marks a method (or one function) as a coroutine function: one that returns a promise although it is not `async`.
 * The mark holds on the function taken off an instance and on its `.bind()`.
 */
export function coroutine<F extends AnyFunction>(fn: F): F;
export function coroutine<F extends AnyFunction>(value: F, context: ClassMethodDecoratorContext<any, F>): F;
export function coroutine<D extends TypedPropertyDescriptor<any>>(
  target: object,
  key: string | symbol,
  descriptor: D,
): D;
export function coroutine(...args: unknown[]): unknown {
  return markMember('@coroutine', args, COROUTINE_KEY, 'marked', markBindableCoroutine);
}

/** Sets the name of this async method's blocking variant, or with `false` gives it none. Wins over `rename`. */
export function syncName(name: string | false): MethodDecorator {
  checkName('@syncName', name);
  return ((...args: unknown[]) => markMember('@syncName', args, SYNC_NAME_KEY, name, noMark)) as MethodDecorator;
}

/** Sets the name of this sync method's async variant, or with `false` gives it none. Wins over `rename`. */
export function asyncName(name: string | false): MethodDecorator {
  checkName('@asyncName', name);
  return ((...args: unknown[]) => markMember('@asyncName', args, ASYNC_NAME_KEY, name, noMark)) as MethodDecorator;
}

/**
 * What `@syncName` / `@asyncName` chose, by metadata key. reflect-metadata holds the same for other tools; this copy
 * spares decoration reflect-metadata's provider-registry walk at every prototype level.
 */
const chosenByMember = new Map<string, WeakMap<object, Map<string, string | false>>>([
  [SYNC_NAME_KEY, new WeakMap()],
  [ASYNC_NAME_KEY, new WeakMap()],
]);
const chosenByFunction = new Map<string, WeakMap<Function, string | false>>([
  [SYNC_NAME_KEY, new WeakMap()],
  [ASYNC_NAME_KEY, new WeakMap()],
]);

/** The name `@syncName` or `@asyncName` (by `key`) chose for member `name` of `source` or its chain. */
export function chosenName(key: string, source: object, name: string, fn: Function): string | false | undefined {
  if (!anyChoice) return undefined; // the common case: no @syncName / @asyncName anywhere
  const byMember = chosenByMember.get(key)!;
  for (let level: object | null = source; level !== null; level = Object.getPrototypeOf(level) as object | null) {
    const chosen = byMember.get(level)?.get(name);
    if (chosen !== undefined) return chosen;
  }
  return chosenByFunction.get(key)!.get(fn);
}

let anyChoice = false;

function rememberChoice(
  key: string,
  target: object | Function,
  member: string | symbol | undefined,
  value: unknown,
): void {
  if (!chosenByMember.has(key) || typeof member === 'symbol') return;
  anyChoice = true;
  if (member === undefined) {
    chosenByFunction.get(key)!.set(target as Function, value as string | false);
    return;
  }
  const byMember = chosenByMember.get(key)!;
  let names = byMember.get(target);
  if (!names) byMember.set(target, (names = new Map()));
  names.set(member, value as string | false);
}

function checkName(decorator: string, name: unknown): void {
  if (name !== false && (typeof name !== 'string' || name === '')) {
    throw new DecorationError(
      `${decorator}(name): name must be a non-empty string, or false for no variant; got ${String(name)}.`,
    );
  }
}

function noMark(): void {}

/**
 * Records `value` under `key` for the decorated method: reflect-metadata for a legacy call, the class's standard
 * metadata for a standard one. `markFunction` then marks the function itself.
 */
function markMember(
  decorator: string,
  args: unknown[],
  key: string,
  value: unknown,
  markFunction: (fn: Function) => void,
): unknown {
  const [first, second, third] = args;
  if (args.length === 1 && typeof first === 'function' && key === COROUTINE_KEY) {
    markFunction(first);
    return first;
  }
  if (typeof first === 'function' && isDecoratorContext(second)) {
    if (second.kind !== 'method')
      throw new DecorationError(`${decorator} decorates methods, not a ${second.kind}: put it on a method.`);
    const context = second as ClassMethodDecoratorContext;
    const metadata = context.metadata as StandardMetadata | undefined;
    if (typeof context.name === 'string' && metadata)
      writeMemberEntry(metadata, key, memberId(context.name, context.static), value);
    else {
      reflectMetadata.defineMetadata(key, value, first); // no Symbol.metadata: the function alone carries it
      rememberChoice(key, first, undefined, value);
    }
    markFunction(first);
    return first;
  }
  const descriptor = third as PropertyDescriptor | undefined;
  if (args.length === 3 && ((typeof first === 'object' && first !== null) || typeof first === 'function')) {
    if (typeof descriptor?.value !== 'function')
      throw new DecorationError(`${decorator} decorates methods, not accessors or fields: put it on a method.`);
    reflectMetadata.defineMetadata(key, value, first as object, second as string | symbol);
    rememberChoice(key, first as object, second as string | symbol, value);
    markFunction(descriptor.value as Function);
    return descriptor;
  }
  throw new DecorationError(`${decorator} decorates methods: use it as @${decorator.slice(1)} on a method.`);
}

/** Marks `fn` as a coroutine, with an own `bind` that marks the bound function (a new function, unmarked). */
function markBindableCoroutine(fn: Function): void {
  markCoroutine(fn);
  Object.defineProperty(fn, 'bind', { value: bindMarked, writable: true, configurable: true, enumerable: false });
}

function bindMarked(this: Function, ...args: unknown[]): Function {
  const bound = Reflect.apply(Function.prototype.bind, this, args) as Function;
  markBindableCoroutine(bound);
  return bound;
}
