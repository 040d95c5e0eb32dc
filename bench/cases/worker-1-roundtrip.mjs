// Issue 4 §7: the per-call round trip of a blocking call through a worker thread, against synckit's
// createSyncFn on the same workload (an async function that settles in microtasks), calls back to back.
import { createSyncFn } from 'synckit';
import { terminateWorkers, workerSynced } from 'asynchro';

const SYNCKIT = 'synckit createSyncFn';
const synckitWorker = new URL('../lib/synckit-add-one.mjs', import.meta.url);
const target = new URL('../lib/worker-targets.mjs', import.meta.url);

let addOne;
let kept;
const loop = (n) => {
  for (let i = 0; i < n; i++) kept = addOne(i);
  if (kept !== n) throw new Error(`wrong result ${kept}`);
};

export default [
  {
    group: 'worker round trip · async x+1',
    name: SYNCKIT,
    baseline: true,
    setup: () => {
      addOne = createSyncFn(synckitWorker.pathname);
    },
    run: loop,
  },
  {
    group: 'worker round trip · async x+1',
    name: 'workerSynced',
    targets: [{ vs: SYNCKIT, max: 0.33 }],
    setup: () => {
      addOne = workerSynced(target, 'addOne');
    },
    teardown: terminateWorkers,
    run: loop,
  },
];
