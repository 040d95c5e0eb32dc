/**
 * MessagePort callbacks, where the pump must not run: a Worker's `message`, `online` and `error` events, a
 * MessageChannel port's and a BroadcastChannel's messages. Node delivers them from `MessagePort::OnMessage`, which
 * goes on using its port after the callback returns; a nested event loop there runs whatever closes that port (the
 * Worker's teardown when it exits, a `close()` the work makes), and OnMessage then resumes on freed memory: Node 22-26
 * die of SIGSEGV (test/fixtures/hostile/message-port.cjs). Which waits let a port close cannot be known up front.
 * One such callback is not refused: a worker thread's main script runs inside its bootstrap port's message callback
 * (node:internal/main/worker_thread), a port that lives as long as the thread.
 */
import { workerThreads } from '../lazy-builtins.js';
import { stackText } from '../stack-text.js';

/** Whether `resource` (the running callback's, from `executionAsyncResource`) is a MessagePort the pump must avoid. */
export function isMessagePortResource(resource: { constructor?: { name?: string } } | undefined): boolean {
  // by name first (cheap, and loads nothing); then the real class, not a user AsyncResource that took its name
  if (resource?.constructor?.name !== 'MessagePort' || !(resource instanceof workerThreads().MessagePort)) return false;
  // Node's own frame (a user file whose path holds that text is `(/path/node:internal/...`, not `(node:internal/...`);
  // an empty stack, under frozen intrinsics, refuses: the safe side
  return !/\(node:internal\/main\/worker_thread:\d/.test(stackText(Number.POSITIVE_INFINITY));
}
