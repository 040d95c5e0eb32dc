/**
 * Foreign callbacks in servers: while one blocking call pumps, an HTTP server keeps accepting, and the handler of a
 * request that arrives meanwhile runs inside that pump. A blocking call made there nests: it cannot return before
 * it finishes, but the outer one cannot return before it either (measured: a request whose upstream took 300 ms
 * returned after an overlapping one's 1,500 ms, and its `timeout: 500` fired then too). Such a handler's call is not
 * the blocked work's own: `'auto'` sends it to the worker when the target is relocatable, so it does not stack.
 */
import { executionAsyncResource } from 'node:async_hooks';

/**
 * The resource Node runs an HTTP server's `request` handler in (and the events of its request and response):
 * `HTTPServerAsyncResource` on Node 20, 22, 24 and 26. The blocked work's own HTTP traffic runs in client resources.
 */
const SERVER_REQUEST_RESOURCE = 'HTTPServerAsyncResource';

/** Whether the caller is an HTTP server's request handler (only asked inside a pump: `pumpDepth() > 0`). */
export function inServerRequestHandler(): boolean {
  return (
    (executionAsyncResource() as { constructor?: { name?: string } })?.constructor?.name === SERVER_REQUEST_RESOURCE
  );
}
