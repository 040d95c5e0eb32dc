/**
 * Thread-pool completion callbacks, where the pump must not run: while one runs, libuv sets the loop's other async
 * handles aside, so a nested loop never sees a worker's reply (test/fixtures/thread-pool/contexts.cjs).
 */
/** Resource class names of thread-pool completions on Node 20-26 (fs, dns, zlib); crypto's all end in `Job`. */
const THREAD_POOL_RESOURCES = new Set([
  'FSReqCallback',
  'ReadFileJob',
  'StatWatcher',
  'GetAddrInfoReqWrap',
  'GetNameInfoReqWrap',
  'Zlib',
]);

type NativeResource = { constructor?: { name?: string }; getAsyncId?: unknown };

export function isThreadPoolResource(resource: NativeResource | undefined): boolean {
  const name = resource?.constructor?.name;
  if (name === undefined || !(THREAD_POOL_RESOURCES.has(name) || name.endsWith('Job'))) return false;
  // Node's own (AsyncWrap's getAsyncId), not a user AsyncResource of that name
  return typeof resource!.getAsyncId === 'function';
}
