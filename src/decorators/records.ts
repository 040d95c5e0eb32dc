import { reflectMetadata } from '../metadata/reflect.js';
import type { CoroutineReason } from '../metadata/keys.js';
import { COROUTINE_KEY, VARIANT_KEY, VARIANTS_KEY } from '../metadata/keys.js';
import type { StandardMetadata } from '../metadata/standard.js';

/** What a decoration decided for one method. Readable with `describeVariants` or reflect-metadata (`VARIANT_KEY`). */
export interface VariantRecord {
  className: string;
  method: string;
  static: boolean;
  direction: 'sync' | 'async';
  variant: string | undefined;
  /**
   * `kept`: a method of that name already existed and was left alone; `excluded`: by `include` / `exclude`;
   * `unnamed`: `rename` or `@syncName(false)` gave it no name.
   */
  outcome: 'generated' | 'kept' | 'excluded' | 'unnamed';
  /**
   * Why `exposeSync` gave it a variant: its `CoroutineReason`, `'async-generator'` for an `async *` method, `'all'`
   * for any other method under `methods: 'all'`; `undefined` for `exposeAsync`.
   */
  reason: VariantReason | undefined;
}

export type VariantReason = CoroutineReason | 'async-generator' | 'all';

/** `toldByMember`: record its reason too. */
export function recordMethod(target: object, record: VariantRecord, toldByMember: boolean): void {
  // So that isReallyCoroutineFunction(instance, method) agrees where only member metadata told.
  if (toldByMember) reflectMetadata.defineMetadata(COROUTINE_KEY, record.reason, target, record.method);
  reflectMetadata.defineMetadata(VARIANT_KEY, Object.freeze(record), target, record.method);
}

export function recordDecoration(
  Decorated: Function,
  records: VariantRecord[],
  metadata: StandardMetadata | undefined,
): void {
  reflectMetadata.defineMetadata(VARIANTS_KEY, Object.freeze(records), Decorated);
  if (metadata) {
    // A class's decorators share one metadata object: `@exposeSync @exposeAsync` add to one list.
    const earlier = Object.hasOwn(metadata, VARIANTS_KEY) ? (metadata[VARIANTS_KEY] as VariantRecord[]) : [];
    metadata[VARIANTS_KEY] = [...earlier, ...records];
  }
}
