// A worker round trip carrying a Uint8Array of 10 kB, 1 MB and 10 MB there and back (the target returns
// it), against the same hand-off written by hand (post on a MessagePort, Atomics.wait, receiveMessageOnPort:
// bench/lib/bare-rpc.mjs), which copies the bytes each way, and against that hand-off moving the buffer instead
// (postMessage's transfer list: no copy, the sender's buffer is detached). Past ~10 kB the copy dominates, so the
// copying rows are bound by the structured clone and the transferring rows show what avoiding it is worth
// (workerSynced's `transfer: true` option moves the buffer both ways, as the hand-written transfer does). The peer:
// synckit's createSyncFn on the same echo (it copies).
// The process is pinned to one CPU (`taskset -c 0`): with its two threads free to move, a repetition whose threads
// happened to share a vCPU ran 3-5x faster than the rest (a hand-off there is a context switch, not a wake-up on the
// other vCPU), which made the lowest sample, the estimator of ratio targets, wrong for these rows (bench/README.md).
// glibc's malloc is told to keep the memory it frees (PLACEMENT, below), so that the rows measure copying bytes, not
// the kernel faulting in fresh pages: by default a buffer of 128 kB or more is mmap'd, and glibc raises that threshold
// as such buffers are freed, so whether each 1 MB copy lands in pages already mapped depended on the process.
// Measured, the hand-written 1 MB copy: 358-415 us in 2 of 9 processes, 0.96-1.19 ms in the other 7; with PLACEMENT,
// 323-373 us in 6 of 6 (and workerSynced's copy 332-450 us, against 404-646 us without).
import { createSyncFn } from 'synckit';
import { terminateWorkers } from 'asynchro-bridge/worker';
import { workerSynced } from 'asynchro-bridge';
import { startBlockingRpc } from '../lib/bare-rpc.mjs';

const target = new URL('../lib/worker-targets.mjs', import.meta.url);
const COPY = 'hand-written hand-off, copied';
const MOVED = 'hand-written hand-off, transferred';
const synckitEcho = new URL('../lib/synckit-echo.mjs', import.meta.url);
/**
 * Where every row runs: on CPU 0, with glibc's malloc keeping what it frees (nothing mmap'd below 32 MB, the largest
 * threshold it takes; nothing trimmed back to the OS).
 */
const PLACEMENT = {
  cpus: '0',
  env: { MALLOC_MMAP_THRESHOLD_: String(32 * 2 ** 20), MALLOC_TRIM_THRESHOLD_: String(2 ** 30) },
};

let call;
let stop;
let payload;

function group(label, bytes) {
  const group = `scale · worker payload · ${label} there and back, pinned to one CPU`;
  const run = (n) => {
    for (let i = 0; i < n; i++) payload = call(payload);
    if (payload.byteLength !== bytes) throw new Error(`got ${payload.byteLength} bytes back, not ${bytes}`);
  };
  const fill = () => {
    payload = new Uint8Array(bytes).fill(7);
  };
  return [
    {
      group,
      ...PLACEMENT,
      name: COPY,
      baseline: true,
      setup: async () => {
        fill();
        ({ call, stop } = await startBlockingRpc());
      },
      teardown: () => stop(),
      run,
    },
    {
      group,
      ...PLACEMENT,
      name: MOVED,
      setup: async () => {
        fill();
        ({ call, stop } = await startBlockingRpc({ transfer: true }));
      },
      teardown: () => stop(),
      run,
    },
    {
      group,
      ...PLACEMENT,
      name: 'synckit createSyncFn',
      setup: () => {
        fill();
        call = createSyncFn(synckitEcho.pathname);
      },
      run,
    },
    {
      group,
      ...PLACEMENT,
      name: 'workerSynced, copied',
      setup: () => {
        fill();
        call = workerSynced(target, 'echo');
      },
      teardown: terminateWorkers,
      run,
      targets: [{ vs: COPY, max: 1.2 }],
    },
    {
      group,
      ...PLACEMENT,
      name: 'workerSynced, transfer: true',
      setup: () => {
        fill();
        call = workerSynced(target, 'echo', { transfer: true });
      },
      teardown: terminateWorkers,
      run,
      targets: [{ vs: MOVED, max: 1.2 }],
    },
  ];
}

export default [...group('10 kB', 10_000), ...group('1 MB', 1_000_000), ...group('10 MB', 10_000_000)];
