// What the tracing channel costs a blocking call when nobody subscribes. The baseline is the same build
// with the `hasSubscribers` check compiled out (a copy of dist/ where it reads `false`), so the only difference
// between the two rows is the instrumentation itself. Each row loads only the build it measures: a second copy of
// asynchro in the process would wrap the first one's `process._tickCallback` and `setImmediate`.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TIGHT_TARGET } from '../lib/precision.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
// Inside the repo, so the copy resolves deasync and reflect-metadata from node_modules like the real build.
const stripped = fileURLToPath(new URL('../../.tmp/dist-without-instrumentation/', import.meta.url));

async function loadStrippedBuild() {
  cpSync(dist, stripped, { recursive: true });
  // index.cjs is the bundle (scripts/bundle.mjs) that holds bridge/sync.js and bridge/desync.js: strip the calls there
  // (the copy's index.js, the ES module entry, loads the index.cjs beside it)
  const path = `${stripped}index.cjs`;
  const source = readFileSync(path, 'utf8');
  const without = source
    .replace(/!(syncChannel|desyncChannel)\.hasSubscribers/g, 'true')
    .replace(/(?<!function )\b(isSyncTraced|isWatchingReentry)\(\)/g, 'false');
  if (without === source) throw new Error('no instrumentation found to strip in index.cjs');
  writeFileSync(path, without);
  return (await import(pathToFileURL(stripped + 'index.js').href)).sync;
}

const work = async (x) => x + 1;
let kept;
let withoutInstrumentation;
let instrumented;
let stats;
const loadInstrumented = async () => {
  ({ sync: instrumented } = await import('asynchro-bridge'));
};

const GROUP = 'tracing channel, microtask-only work, tight loop';
export default [
  {
    group: GROUP,
    ...TIGHT_TARGET,
    name: 'build without instrumentation',
    baseline: true,
    setup: async () => {
      withoutInstrumentation = await loadStrippedBuild();
    },
    run: (n) => {
      for (let i = 0; i < n; i++) kept = withoutInstrumentation(work, i);
    },
  },
  {
    group: GROUP,
    ...TIGHT_TARGET,
    name: 'sync, no subscriber',
    setup: loadInstrumented,
    run: (n) => {
      for (let i = 0; i < n; i++) kept = instrumented(work, i);
    },
    targets: [{ vs: 'build without instrumentation', max: 1.02 }],
  },
  {
    group: GROUP,
    ...TIGHT_TARGET,
    name: 'sync, collectStats() subscribed',
    setup: async () => {
      await loadInstrumented();
      stats = (await import('asynchro-bridge/instrumentation')).collectStats();
    },
    teardown: () => stats.close(),
    run: (n) => {
      for (let i = 0; i < n; i++) kept = instrumented(work, i);
    },
  },
];
