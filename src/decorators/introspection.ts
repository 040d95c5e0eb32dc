/** `describeVariants(Class)`: what a decoration decided for each method, read back from the decorated class. */
import { reflectMetadata } from '../metadata/reflect.js';
import type { VariantRecord } from './records.js';
import { VARIANTS_KEY } from '../metadata/keys.js';

/**
 * What `exposeSync` / `exposeAsync` decided for each method of a class (or an instance's class), the class's own
 * decorations first, then its decorated base classes'.
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
