/** Which methods of a decorated class get a variant, and why. */
import { DecorationError } from '../errors.js';
import { coroutineReason } from '../metadata/coroutine.js';
import { COROUTINE_KEY, type CoroutineReason } from '../metadata/keys.js';
import { memberId, readMemberEntry } from '../metadata/standard.js';
import type { Decoration } from './decoration.js';
import type { VariantRecord } from './records.js';

/** Own properties of every function that are never static methods. */
export const NOT_STATIC_METHODS = new Set(['length', 'name', 'prototype', 'arguments', 'caller']);

/** Every variant asynchro generated: they are counterparts, never candidates for more variants. */
export const generatedVariants = new WeakSet<Function>();

/** Methods of the chain from `start` up to `stop` (excluded), nearest definition first. Accessors are not methods. */
export function methodsOf(start: object, stop: object, isStatic: boolean): { name: string; fn: Function }[] {
  const methods: { name: string; fn: Function }[] = [];
  let seen: Set<string> | undefined; // names defined nearer
  for (let level: object | null = start; level !== null && level !== stop; ) {
    const next = Object.getPrototypeOf(level) as object | null;
    const deeper = next !== null && next !== stop;
    for (const name of Object.getOwnPropertyNames(level)) {
      if (seen?.has(name)) continue;
      if (deeper) (seen ??= new Set()).add(name);
      if (isStatic ? NOT_STATIC_METHODS.has(name) : name === 'constructor') continue;
      const { value } = Object.getOwnPropertyDescriptor(level, name)!;
      if (typeof value === 'function' && !generatedVariants.has(value)) methods.push({ name, fn: value });
    }
    level = next;
  }
  return methods;
}

export function isAsyncGeneratorFunction(fn: Function): boolean {
  return Object.prototype.toString.call(fn) === '[object AsyncGeneratorFunction]';
}

/** Why a method not known as a coroutine gets a blocking variant all the same: `include`, or `methods: 'all'`. */
export function trustedReason(decoration: Decoration, name: string): 'included' | 'all' | undefined {
  if (decoration.include?.has(name)) return 'included';
  if (decoration.methods === 'all' && !decoration.include && !name.startsWith('_') && !name.endsWith('Sync'))
    return 'all';
  return undefined;
}

/** Why the method is a coroutine function when only its member's marks tell: standard metadata, then reflect. */
export function memberReasonOf(
  decoration: Decoration,
  source: object,
  name: string,
  fn: Function,
  isStatic: boolean,
): CoroutineReason | undefined {
  return (
    (readMemberEntry(decoration.metadata, COROUTINE_KEY, memberId(name, isStatic)) as CoroutineReason | undefined) ??
    coroutineReason(fn, source, name)
  );
}

export function isSelected(decoration: Decoration, name: string): boolean {
  return (decoration.include?.has(name) ?? true) && !decoration.exclude?.has(name);
}

/** `include` / `exclude` may only name methods the decoration judged: a typo is refused, not ignored. */
export function checkListed(
  decoration: Decoration,
  records: VariantRecord[],
  option: string,
  names: ReadonlySet<string> | undefined,
): void {
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
