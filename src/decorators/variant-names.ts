/** The name each variant gets, and the names it may not take. */
import { DecorationError } from '../errors.js';
import { ASYNC_NAME_KEY, SYNC_NAME_KEY } from '../metadata/keys.js';
import { memberId, readMemberEntry } from '../metadata/standard.js';
import type { Decoration } from './decoration.js';
import { NOT_STATIC_METHODS } from './judging.js';
import { chosenName } from './marks.js';
import { asyncNameOf, syncNameOf } from './naming.js';

/** The variant's name: `@syncName` / `@asyncName`, else `rename`, else the convention; `undefined` for none. */
export function variantNameOf(
  decoration: Decoration,
  source: object,
  name: string,
  fn: Function,
  isStatic: boolean,
): string | undefined {
  const key = decoration.direction === 'sync' ? SYNC_NAME_KEY : ASYNC_NAME_KEY;
  const chosen = (readMemberEntry(decoration.metadata, key, memberId(name, isStatic)) ??
    chosenName(key, source, name, fn)) as string | false | undefined;
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

/** Names a variant never takes: what every object (or function) has, and `then`, which `await` would call. */
const RESERVED_NAMES = new Set(['constructor', 'then', ...Object.getOwnPropertyNames(Object.prototype)]);
const RESERVED_STATIC_NAMES = new Set([
  ...NOT_STATIC_METHODS,
  ...Object.getOwnPropertyNames(Function.prototype),
  ...RESERVED_NAMES,
]);

/** Such a name would be taken for an existing method and silently give no variant: refuse it where it is chosen. */
export function checkNotReserved(decoration: Decoration, method: string, variant: string, isStatic: boolean): void {
  if (!(isStatic ? RESERVED_STATIC_NAMES : RESERVED_NAMES).has(variant)) return;
  const owner =
    variant === 'constructor'
      ? 'the class constructor'
      : variant === 'then'
        ? `the name await calls: every ${isStatic ? 'use of the class' : 'instance'} would become a thenable`
        : `${isStatic ? 'Function' : 'Object'}.prototype.${variant}`;
  throw new DecorationError(
    `${decoration.decorator}(${decoration.className}): the variant of ${memberId(method, isStatic)} would be named ` +
      `${variant}, which is ${owner}; choose another name (the rename option, or @syncName / @asyncName).`,
    { functionName: `${decoration.className}.${method}` },
  );
}

/** Whether `variant` is already a method on the chain (never overwritten); a non-method member is a collision. */
export function isExistingMethod(
  decoration: Decoration,
  target: object,
  method: string,
  variant: string,
  isStatic: boolean,
): boolean {
  if (!(variant in target)) return false;
  for (let level: object | null = target; level !== null; level = Object.getPrototypeOf(level) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(level, variant);
    if (descriptor === undefined) continue;
    if (typeof descriptor.value === 'function') return true;
    const what =
      descriptor.get || descriptor.set ? 'an accessor (get/set)' : `a property holding ${typeof descriptor.value}`;
    throw new DecorationError(
      `${decoration.decorator}(${decoration.className}): the variant of ${memberId(method, isStatic)} would be named ` +
        `${variant}, but ${memberId(variant, isStatic)} is already ${what}; rename the variant (the rename option, ` +
        `or @syncName / @asyncName) or the member.`,
      { functionName: `${decoration.className}.${method}` },
    );
  }
  return false;
}

export function claimVariant(
  decoration: Decoration,
  claimedBy: Map<string, string>,
  method: string,
  variant: string,
  isStatic: boolean,
): void {
  const rival = claimedBy.get(variant);
  if (rival !== undefined) {
    throw new DecorationError(
      `${decoration.decorator}(${decoration.className}): ${memberId(rival, isStatic)} and ${memberId(method, isStatic)} ` +
        `would both get the variant ${variant}; rename one (the rename option, or @syncName / @asyncName).`,
      { functionName: `${decoration.className}.${method}` },
    );
  }
  claimedBy.set(variant, method);
}
