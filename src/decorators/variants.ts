/**
 * One decoration, in order: build the subclass, judge every method (judging.ts), name its variant (variant-names.ts),
 * define the variants (define.ts) and record each decision (records.ts).
 */
import { reflectMetadata } from '../metadata/reflect.js';
import { keepShape } from '../bridge/shape.js';
import { coroutineReason } from '../metadata/coroutine.js';
import { VARIANTS_KEY } from '../metadata/keys.js';
import type { StandardMetadata } from '../metadata/standard.js';
import { declareRelocatable } from '../strategies/relocation.js';
import { readOptions, type Decoration, type Direction } from './decoration.js';
import { defineVariant, preferDictionaryMode } from './define.js';
import {
  checkListed,
  isAsyncGeneratorFunction,
  isSelected,
  memberReasonOf,
  methodsOf,
  trustedReason,
} from './judging.js';
import { recordDecoration, recordMethod, type VariantRecord } from './records.js';
import { errorClassesFrom } from '../strategies/worker/index.js';
import { rememberConstruction, rememberDecorated } from './twins.js';
import { checkNotReserved, claimVariant, isExistingMethod, variantNameOf } from './variant-names.js';

type AnyClass = abstract new (...args: unknown[]) => object;

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
  for (const key of reflectMetadata.getOwnMetadataKeys(Base)) {
    if (key !== VARIANTS_KEY) reflectMetadata.defineMetadata(key, reflectMetadata.getOwnMetadata(key, Base), Decorated);
  }
  rememberDecorated(Decorated.prototype, home);
  if (home) {
    errorClassesFrom(home.module, home.exportName, Decorated); // its module's error classes come back as themselves
    declareRelocatable(home.module, home.exportName, Decorated);
  }

  const records = [
    ...addSide(decoration, Base.prototype as object, Decorated.prototype, Object.prototype, false),
    ...(decoration.statics ? addSide(decoration, Base, Decorated, Function.prototype, true) : []),
  ];
  checkListed(decoration, records, 'include', decoration.include);
  checkListed(decoration, records, 'exclude', decoration.exclude);
  recordDecoration(Decorated, records, metadata);
  return Decorated;
}

/** Judges and names the methods of one side (prototype or statics), then defines the variants on `target`. */
function addSide(
  decoration: Decoration,
  source: object,
  target: object,
  stop: object,
  isStatic: boolean,
): VariantRecord[] {
  const records: VariantRecord[] = [];
  const claimedBy = new Map<string, string>();
  const toldByMember = new Set<VariantRecord>();
  for (const { name, fn } of methodsOf(source, stop, isStatic)) {
    // The function's own verdict first: a native async method with another decorator on it reports as native.
    const ownReason = coroutineReason(fn);
    const memberReason = ownReason ?? memberReasonOf(decoration, source, name, fn, isStatic);
    const generator = isAsyncGeneratorFunction(fn);
    if (decoration.direction === 'async' && (memberReason !== undefined || generator)) continue;
    const reason =
      decoration.direction === 'sync'
        ? (memberReason ?? (generator ? 'async-generator' : trustedReason(decoration, name)))
        : undefined;
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
    if (reason !== undefined && reason !== 'all' && reason !== 'async-generator' && ownReason === undefined)
      toldByMember.add(record);
    if (!isSelected(decoration, name)) continue;
    record.variant = variantNameOf(decoration, source, name, fn, isStatic);
    if (record.variant === undefined) {
      record.outcome = 'unnamed';
      continue;
    }
    checkNotReserved(decoration, name, record.variant, isStatic);
    claimVariant(decoration, claimedBy, name, record.variant, isStatic);
    record.outcome = isExistingMethod(decoration, target, name, record.variant, isStatic) ? 'kept' : 'generated';
  }
  if (records.some((record) => record.outcome === 'generated')) preferDictionaryMode(target);
  for (const record of records) {
    if (record.outcome === 'generated') defineVariant(decoration, target, record, source);
    recordMethod(target, record, toldByMember.has(record));
  }
  return records;
}
