/** `describeVariants(Class)`: what a decoration decided for each method, read back from the decorated class. */
import { reflectMetadata } from '../metadata/reflect.js';
import type { VariantRecord } from './records.js';
import { VARIANTS_KEY } from '../metadata/keys.js';

/**
 * What `exposeSync` / `exposeAsync` decided for a class (or the class of an instance): for each method judged,
 * its variant, what happened to it, and why it counts as a coroutine. Decorations of the class itself come first,
 * then those of its decorated base classes. Empty for a class nobody decorated.
 */
export function describeVariants(classOrInstance: object): VariantRecord[] {
  let level: unknown =
    typeof classOrInstance === 'function'
      ? classOrInstance
      : (Object.getPrototypeOf(classOrInstance) as { constructor?: unknown } | null)?.constructor;
  const records: VariantRecord[] = [];
  for (; typeof level === 'function' && level !== Function.prototype; level = Object.getPrototypeOf(level)) {
    const own = reflectMetadata.getOwnMetadata(VARIANTS_KEY, level) as VariantRecord[] | undefined;
    if (own) records.push(...own);
  }
  return records;
}
