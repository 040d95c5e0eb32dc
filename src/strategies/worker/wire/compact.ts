/**
 * The compact messages, made and read on both threads: a call with `transfer` to a target the worker knows (no
 * place, twin, iterator or contexts; not abortable) posted as one flat array `[id, key, ...args]`, and a reply with a
 * plain value that does not take the shared frame (moved buffers, a value too large for it, a pool worker's) as
 * `[id, value]`. Every object in a message costs its clone, so one array instead of a CallRequest's or a Reply's
 * nested objects pays where the buffers themselves are not copied: the bench's `scale · worker payload` rows with
 * `workerSynced, transfer: true`, against the same calls posted as CallRequest and Reply objects.
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
