/**
 * The backstop for thread-pool callbacks not recognised up front (thread-pool.ts): V8's platform-task handle is hidden
 * exactly there, so a WebAssembly compile's result never comes back (test/fixtures/thread-pool/messages.cjs).
 */
const SMALLEST_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

export interface PlatformTaskProbe {
  arrived: boolean;
}

/** Undefined without WebAssembly (`--jitless`): nothing can be told there. */
export function probePlatformTasks(): PlatformTaskProbe | undefined {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.compile !== 'function') return undefined;
  const probe: PlatformTaskProbe = { arrived: false };
  WebAssembly.compile(SMALLEST_MODULE).then(
    () => (probe.arrived = true),
    () => (probe.arrived = true), // it came back, even as a refusal
  );
  return probe;
}
