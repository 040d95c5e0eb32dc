/**
 * Standard decorator metadata. Node (20 to 26) has no `Symbol.metadata`, without which TypeScript's emitted code passes
 * `context.metadata === undefined`: importing asynchro provides it.
 */

/** A class's standard decorator metadata object (it inherits from its parent class's). */
export type StandardMetadata = Record<PropertyKey, unknown>;

/** `Symbol.metadata`: one that exists is never replaced. */
export const symbolMetadata: symbol = provideSymbolMetadata();

function provideSymbolMetadata(): symbol {
  const existing = (Symbol as { metadata?: symbol }).metadata;
  if (existing !== undefined) return existing;
  const symbol = Symbol.for('Symbol.metadata'); // other copies of asynchro, and libraries doing the same, agree
  // Not where `Symbol` is frozen (--frozen-intrinsics): standard decorators then give no metadata (docs/limits.md).
  if (Object.isExtensible(Symbol))
    Object.defineProperty(Symbol, 'metadata', { value: symbol, writable: true, configurable: true, enumerable: false });
  return symbol;
}

export function standardMetadataOf(target: Function): StandardMetadata | undefined {
  const metadata = (target as unknown as Record<symbol, unknown>)[symbolMetadata];
  return typeof metadata === 'object' && metadata !== null ? (metadata as StandardMetadata) : undefined;
}

/** How members are named in the maps: `'afoo'`, or `'static afoo'`. */
export function memberId(name: string, isStatic: boolean): string {
  return isStatic ? `static ${name}` : name;
}

/** Writes `map[member] = value` into the class's own map under `key`, which inherits the parent class's map. */
export function writeMemberEntry(metadata: StandardMetadata, key: string, member: string, value: unknown): void {
  let map = metadata[key] as Record<string, unknown> | undefined;
  if (!Object.hasOwn(metadata, key)) {
    map = Object.create(map ?? null) as Record<string, unknown>;
    metadata[key] = map;
  }
  map![member] = value;
}

export function readMemberEntry(metadata: StandardMetadata | undefined, key: string, member: string): unknown {
  const map = metadata?.[key] as Record<string, unknown> | undefined;
  return map?.[member];
}
