/**
 * MessagePort callbacks, where the pump must not run: Node's OnMessage uses the port after the callback, freed if a
 * nested loop closed it (test/fixtures/hostile/message-port.cjs). A worker's main script runs in its bootstrap
 * port's callback, which lives as long as the thread.
 */
import { workerThreads } from '../lazy-builtins.js';
import { stackText } from '../stack-text.js';

export function isMessagePortResource(resource: { constructor?: { name?: string } } | undefined): boolean {
  // by name first: cheap, and loads nothing
  if (resource?.constructor?.name !== 'MessagePort' || !(resource instanceof workerThreads().MessagePort)) return false;
  // Node's own frame, not a user file whose path holds that text; an empty stack (frozen intrinsics) refuses
  return !/\(node:internal\/main\/worker_thread:\d/.test(stackText(Number.POSITIVE_INFINITY));
}
