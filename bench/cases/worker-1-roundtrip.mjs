// The per-call round trip of a blocking call through a worker thread (an async x => x + 1, calls
// back to back), against its floor and its peer, measured in the same run:
//  - floor: a bare Atomics.wait/notify ping-pong between the calling thread and one worker thread, both sleeping
//    while the other works (bench/lib/ping-pong.mjs): what waking a thread costs on this machine;
//  - peer: synckit's createSyncFn on the same work.
// Twice: with the threads free to run on any CPU (the worker usually wakes on the other, idle vCPU), and with the
// whole process pinned to CPU 0 (`taskset -c 0`), where a hand-off is a context switch on one CPU. The floor differs
// a lot between the two states; each row compares with the floor of its own state.
// The opt-in spin (ASYNCHRO_WORKER_SPIN_US) is shown beside, without a target: it trades CPU for latency, engages
// whenever asked, and pays only with a free core (see docs/worker.md).
import { createSyncFn } from 'synckit';
import { terminateWorkers } from 'asynchro-bridge/worker';
import { workerSynced } from 'asynchro-bridge';
import { startPingPong } from '../lib/ping-pong.mjs';
import { TIGHT_TARGET } from '../lib/precision.mjs';

const FLOOR = 'floor: Atomics.wait/notify ping-pong';
const SYNCKIT = 'synckit createSyncFn';
const synckitWorker = new URL('../lib/synckit-add-one.mjs', import.meta.url);
const target = new URL('../lib/worker-targets.mjs', import.meta.url);

let addOne;
let stopFloor;
let kept;
const loop = (n) => {
  for (let i = 0; i < n; i++) kept = addOne(i);
  if (kept !== n) throw new Error(`wrong result ${kept}`);
};

function group(label, cpus) {
  const group = `worker round trip · async x+1 · ${label}`;
  const by = cpus === undefined ? 'median' : undefined;
  // Pinned, the round trip is judged on lowest samples against a floor about 16% below it: tight-target sampling.
  const sampling = cpus === undefined ? {} : TIGHT_TARGET;
  return [
    {
      group,
      name: FLOOR,
      cpus,
      ...sampling,
      setup: async () => {
        ({ call: addOne, stop: stopFloor } = await startPingPong());
      },
      teardown: () => stopFloor(),
      run: loop,
    },
    {
      group,
      name: SYNCKIT,
      baseline: true,
      cpus,
      ...sampling,
      setup: () => {
        addOne = createSyncFn(synckitWorker.pathname);
      },
      run: loop,
    },
    {
      group,
      name: 'workerSynced',
      cpus,
      ...sampling,
      // On any CPU, noise can also make a sample faster (both threads on one vCPU for a moment): judged on medians.
      targets: [
        { vs: FLOOR, max: 1.2, by },
        { vs: SYNCKIT, max: 0.9, by },
      ],
      setup: () => {
        addOne = workerSynced(target, 'addOne');
      },
      teardown: terminateWorkers,
      run: loop,
    },
  ];
}

export default [
  ...group('threads on any CPU', undefined),
  {
    group: 'worker round trip · async x+1 · threads on any CPU',
    name: 'workerSynced, ASYNCHRO_WORKER_SPIN_US=50',
    env: { ASYNCHRO_WORKER_SPIN_US: '50' },
    setup: () => {
      addOne = workerSynced(target, 'addOne');
    },
    teardown: terminateWorkers,
    run: loop,
  },
  ...group('process pinned to one CPU', '0'),
];
