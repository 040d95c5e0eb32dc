// Memory growth over 10,000 sequential blocking calls (RSS, which counts the worker thread too),
// after a short warm-up and a full GC before each reading (bench/child.mjs runs with --expose-gc).
import { createSyncFn } from 'synckit';
import { workerSynced } from 'asynchro-bridge';

const SYNCKIT = 'synckit createSyncFn';
const CALLS = 10_000;
const synckitWorker = new URL('../lib/synckit-add-one.mjs', import.meta.url);
const target = new URL('../lib/worker-targets.mjs', import.meta.url);

const rssAfterGc = () => {
  globalThis.gc?.();
  return process.memoryUsage().rss;
};

const growth = (makeFn) => () => {
  const addOne = makeFn();
  for (let i = 0; i < 200; i++) addOne(i); // worker started, code warm
  const before = rssAfterGc();
  let kept = 0;
  for (let i = 0; i < CALLS; i++) kept = addOne(i);
  if (kept !== CALLS) throw new Error('wrong result');
  return (rssAfterGc() - before) / 2 ** 20;
};

export default [
  {
    group: `worker memory growth over ${CALLS.toLocaleString('en')} calls`,
    name: SYNCKIT,
    baseline: true,
    unit: 'MB',
    processes: 3,
    once: growth(() => createSyncFn(synckitWorker.pathname)),
  },
  {
    group: `worker memory growth over ${CALLS.toLocaleString('en')} calls`,
    name: 'workerSynced',
    unit: 'MB',
    processes: 3,
    targets: [{ max: 20 }],
    once: growth(() => workerSynced(target, 'addOne')),
  },
];
