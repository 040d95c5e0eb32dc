/**
 * Server handlers inside a pump: while one blocking call pumps, an HTTP server's handler for a request arriving
 * meanwhile runs inside that pump, and a blocking call there cannot return before the outer one does (its timeout
 * fires late too: test/fixtures/server-overlap.cjs). `'auto'` sends such a call to the worker when it can move.
 */
import { executionAsyncResource } from 'node:async_hooks';

/** The resource Node (20 to 26) runs an HTTP server's handlers in; a client's traffic runs in other resources. */
const SERVER_REQUEST_RESOURCE = 'HTTPServerAsyncResource';

/** Whether the caller is an HTTP server's request handler (only asked inside a pump: `pumpDepth() > 0`). */
export function inServerRequestHandler(): boolean {
  return (
    (executionAsyncResource() as { constructor?: { name?: string } })?.constructor?.name === SERVER_REQUEST_RESOURCE
  );
}
