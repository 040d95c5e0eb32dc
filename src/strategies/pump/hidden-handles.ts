/**
 * The pump's backstop for thread-pool callbacks it did not recognise up front (a tick run from one, such as
 * `zlib.gzip`'s callback, or a Node-API addon's own thread-pool work): there, libuv hides the loop's async handles
 * (see thread-pool.ts) and a wait on a worker reply or a WebAssembly result would last forever. V8's platform-task
 * handle is created when Node starts, right after libuv's thread-pool handle, so it is hidden exactly inside
 * thread-pool completions. A pump that has waited a while compiles the smallest WebAssembly module: its result is a
 * platform task, back within milliseconds anywhere else; if it has not come back after a generous bound, the caller
 * is inside a thread-pool completion, and the pump gives up with a typed error instead of waiting forever.
 */
const SMALLEST_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

export interface PlatformTaskProbe {
  /** Whether the probe's platform task was delivered: then platform tasks (and async handles) reach this pump. */
  arrived: boolean;
}

/** Starts a probe; `undefined` where WebAssembly is unavailable (`--jitless`), where nothing can be told. */
export function probePlatformTasks(): PlatformTaskProbe | undefined {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.compile !== 'function') return undefined;
  const probe: PlatformTaskProbe = { arrived: false };
  WebAssembly.compile(SMALLEST_MODULE).then(
    () => (probe.arrived = true),
    () => (probe.arrived = true), // it came back, even as a refusal
  );
  return probe;
}
