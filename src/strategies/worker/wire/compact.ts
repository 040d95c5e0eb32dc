/**
 * The compact messages, on both threads: a `transfer` call to a known target as `[id, key, ...args]`, a plain-value
 * reply off the frame as `[id, value]`. It pays on the bench's `scale · worker payload` `transfer: true` rows.
 */
import type { CallRequest, CompactReply, CompactRequest, Reply, Request } from './protocol.js';

/** `request` as a CompactRequest, if it takes that form. */
export function compactRequest(request: Request): CompactRequest | undefined {
  if (!('target' in request) || !request.transfer || request.contexts || request.abortable) return undefined;
  const { id, target, args } = request;
  if (target.place || target.instance || target.iterator) return undefined;
  return [id, target.key, ...args];
}

export const expandRequest = ([id, key, ...args]: CompactRequest): CallRequest => ({
  id,
  target: { key },
  args,
  transfer: true,
});

export const expandReply = ([id, value]: CompactReply): Reply => ({ id, outcome: { kind: 'value', value } });
