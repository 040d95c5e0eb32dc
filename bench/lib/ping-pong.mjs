// The floor of any thread hand-off: a bare Atomics.wait/notify ping-pong between the calling thread and one worker
// thread, both sleeping in Atomics.wait while the other runs (no message port, no event loop, no clone).
// Importing it on the main thread starts nothing: `startPingPong()` starts the worker; run as the worker (below) it
// answers each request with x + 1 until told to stop.
import { Worker, isMainThread, workerData } from 'node:worker_threads';

const REQUEST = 0; // sequence number of the last request (-1: stop)
const REPLY = 1; // sequence number of the last reply
const VALUE = 2; // the argument, then the result

if (!isMainThread && workerData?.pingPong) {
  const state = workerData.pingPong;
  let seen = 0;
  for (;;) {
    Atomics.wait(state, REQUEST, seen);
    seen = Atomics.load(state, REQUEST);
    if (seen < 0) break;
    state[VALUE] += 1;
    Atomics.store(state, REPLY, seen);
    Atomics.notify(state, REPLY);
  }
}

/** Starts the worker; resolves once it runs. Returns `call(x)` (blocks for x + 1) and `stop()`. */
export async function startPingPong() {
  const state = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  const worker = new Worker(new URL(import.meta.url), { workerData: { pingPong: state } });
  await new Promise((resolve, reject) => worker.once('online', resolve).once('error', reject));
  let sequence = 0;
  const call = (x) => {
    state[VALUE] = x;
    const asked = ++sequence;
    Atomics.store(state, REQUEST, asked);
    Atomics.notify(state, REQUEST);
    while (Atomics.load(state, REPLY) !== asked) Atomics.wait(state, REPLY, asked - 1);
    return state[VALUE];
  };
  const stop = async () => {
    Atomics.store(state, REQUEST, -1);
    Atomics.notify(state, REQUEST);
    await worker.terminate();
  };
  return { call, stop };
}
