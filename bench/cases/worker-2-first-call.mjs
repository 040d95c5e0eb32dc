// The first call, worker start included (module imports are not counted: both packages are loaded
// before the clock starts). One sample per fresh process.
import { createSyncFn } from 'synckit';
import { workerSynced } from 'asynchro-bridge';

const SYNCKIT = 'synckit createSyncFn';
const synckitWorker = new URL('../lib/synckit-add-one.mjs', import.meta.url);
const target = new URL('../lib/worker-targets.mjs', import.meta.url);

const firstCall = (makeFn) => () => {
  const started = performance.now();
  const addOne = makeFn();
  if (addOne(41) !== 42) throw new Error('wrong result');
  return performance.now() - started;
};

export default [
  {
    group: 'worker first call (start + one call)',
    name: SYNCKIT,
    baseline: true,
    unit: 'ms',
    processes: 7,
    once: firstCall(() => createSyncFn(synckitWorker.pathname)),
  },
  {
    group: 'worker first call (start + one call)',
    name: 'workerSynced',
    unit: 'ms',
    processes: 7,
    targets: [{ vs: SYNCKIT, max: 1 }],
    once: firstCall(() => workerSynced(target, 'addOne')),
  },
];
