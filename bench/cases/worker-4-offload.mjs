// Offloading sync work with workerDesynced, 100 calls in flight at a time, against a hand-written
// promise RPC over a MessagePort to one worker (post { id, x }, resolve the id's promise on the reply:
// bench/lib/bare-rpc.mjs). On 2 cores workerDesynced's pool has one worker too. Time per call.
import { terminateWorkers } from 'asynchro-bridge/worker';
import { workerDesynced } from 'asynchro-bridge';
import { startPromiseRpc } from '../lib/bare-rpc.mjs';

const GROUP = 'worker offload · sync x+1, 100 calls in flight';
const HAND_WRITTEN = 'hand-written postMessage RPC';
const CONCURRENCY = 100;
const target = new URL('../lib/worker-targets.mjs', import.meta.url);

let call;
let stop;
let kept;

/** n calls in all, `CONCURRENCY` in flight: each finished call starts the next. */
async function run(n) {
  let started = 0;
  const lane = async () => {
    while (started < n) kept = await call(started++);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n) }, lane));
}

export default [
  {
    group: GROUP,
    name: HAND_WRITTEN,
    baseline: true,
    setup: async () => {
      ({ call, stop } = await startPromiseRpc());
    },
    teardown: () => stop(),
    run,
  },
  {
    group: GROUP,
    name: 'workerDesynced',
    setup: () => {
      call = workerDesynced(target, 'addOneSync');
    },
    teardown: terminateWorkers,
    run,
    targets: [{ vs: HAND_WRITTEN, max: 2, by: 'median' }], // two threads on any CPU: see worker-1-roundtrip.mjs
  },
];
void kept;
