/**
 * The record of what a decoration decided for each method (`VariantRecord`), and where it is kept: on the decorated
 * class (`VARIANTS_KEY`, read by `describeVariants`), in the standard decorator metadata shared by every class
 * decorator of one class, and per method (`VARIANT_KEY`; `COROUTINE_KEY` where only member metadata told).
 */
import { reflectMetadata } from '../metadata/reflect.js';
import type { CoroutineReason } from '../metadata/keys.js';
import { COROUTINE_KEY, VARIANT_KEY, VARIANTS_KEY } from '../metadata/keys.js';
import type { StandardMetadata } from '../metadata/standard.js';

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

export type VariantReason = CoroutineReason | 'async-generator' | 'all';

/** Keeps one method's record on the decorated side (prototype or class); `toldByMember`: record its reason too. */
export function recordMethod(target: object, record: VariantRecord, toldByMember: boolean): void {
  // Where only member metadata tells (a standard @coroutine on a replaced function, a design type), the decorated
  // class records the reason, so isReallyCoroutineFunction(instance, method) agrees with the decision.
  if (toldByMember) reflectMetadata.defineMetadata(COROUTINE_KEY, record.reason, target, record.method);
  reflectMetadata.defineMetadata(VARIANT_KEY, Object.freeze(record), target, record.method);
}

/** Keeps a decoration's records on the decorated class and in the class's standard decorator metadata. */
export function recordDecoration(
  Decorated: Function,
  records: VariantRecord[],
  metadata: StandardMetadata | undefined,
): void {
  reflectMetadata.defineMetadata(VARIANTS_KEY, Object.freeze(records), Decorated);
  if (metadata) {
    // Every class decorator of one class shares its metadata object: `@exposeSync @exposeAsync` adds to one list.
    const earlier = Object.hasOwn(metadata, VARIANTS_KEY) ? (metadata[VARIANTS_KEY] as VariantRecord[]) : [];
    metadata[VARIANTS_KEY] = [...earlier, ...records];
  }
}
