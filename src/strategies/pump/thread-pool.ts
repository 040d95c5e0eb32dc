/**
 * Thread-pool completion callbacks, where the pump must not run. libuv delivers every thread-pool completion (fs
 * callback APIs, dns.lookup, zlib, crypto) from one async handle, the first of the loop, and while its callback
 * runs `uv__async_io` has moved the loop's other async handles aside: a nested `uv_run` cannot see any of them. A
 * pump there would never receive a MessagePort message (a worker's reply), a V8 platform task (a WebAssembly
 * result; undici 6 compiles its parser on the first `fetch`, Node 20/22) or a Node-API threadsafe call, and would
 * wait forever whenever something else keeps the loop alive. Timers, sockets and further fs work would still be
 * served, but which work needs which handle is unknowable, so the rule is simple: no pump here.
 */
/**
 * The resources Node runs thread-pool completions in, by constructor name (checked on Node 20, 22, 24 and 26):
 * fs callbacks and what they emit (a read stream's `data`, readline over a file), `fs.readFile` (`ReadFileJob` on
 * 26), `fs.watchFile`, dns.lookup / lookupService, zlib streams, and crypto's callback APIs (`PBKDF2Job`,
 * `RandomBytesJob`, `ScryptJob`, `EcKeyPairGenJob`...: every crypto job's class name ends in `Job`).
 */
const THREAD_POOL_RESOURCES = new Set([
  'FSReqCallback',
  'ReadFileJob',
  'StatWatcher',
  'GetAddrInfoReqWrap',
  'GetNameInfoReqWrap',
  'Zlib',
]);

type NativeResource = { constructor?: { name?: string }; getAsyncId?: unknown };

/** Whether `resource` (the running callback's, from `executionAsyncResource`) is a thread-pool completion's. */
export function isThreadPoolResource(resource: NativeResource | undefined): boolean {
  const name = resource?.constructor?.name;
  if (name === undefined || !(THREAD_POOL_RESOURCES.has(name) || name.endsWith('Job'))) return false;
  // Node's own (it has AsyncWrap's getAsyncId), not a user AsyncResource that took the name of one
  return typeof resource!.getAsyncId === 'function';
}
