// `npm run demo`: runs every example in order, each in its own process with a watchdog.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const examples = [
  // [file, what it shows]
  ['cjs-blocking.cjs', "CommonJS: require('asynchro-bridge') and block on a file read and a loopback HTTP request"],
  ['esm-top-level.mjs', 'ESM: the typed SyncContextError at module top level, then await / a timer callback instead'],
  ['sdk-client/build.mjs', 'compile the SDK client example (TypeScript, @exposeSync) with tsc'],
  [
    'sdk-client/dist/main.cjs',
    'SDK client from TypeScript (CommonJS): typed getUserSync() etc. over fetch to a loopback server',
  ],
  ['sdk-client/plain.cjs', 'the same SDK client from a plain CommonJS script'],
  [
    'observability.cjs',
    'every bridged call on diagnostics_channel, collectStats(), and one OpenTelemetry trace across sync calls',
  ],
  [
    'openai-sync-view.cjs',
    'syncView: the real openai client, blocking, against a loopback fake (lists, pages, streams, retries, errors)',
  ],
  ['sdk-resources/build.mjs', 'compile the resources SDK (one TypeScript source) to CommonJS and to ESM with tsc'],
  ['sdk-resources/main.cjs', 'an SDK with resources, a paginator, typed errors and retries, from CommonJS (the pump)'],
  [
    'sdk-resources/main.mjs',
    'the same SDK from ESM after an await: every call on a worker twin, its server in another process',
  ],
  [
    'worker-esm.mjs',
    'ESM after an await: workerSynced, a relocatable class on a worker twin, workerDesynced for CPU work',
  ],
];

const here = fileURLToPath(new URL('.', import.meta.url));
let failed = 0;
for (const [file, what] of examples) {
  console.log(`\n=== ${file}: ${what}`);
  const run = spawnSync(process.execPath, [file], { cwd: here, stdio: 'inherit', timeout: 60_000 });
  if (run.status !== 0) {
    failed++;
    console.error(`!!! ${file} failed (${run.error?.message ?? `exit ${run.status}`})`);
  }
}
if (failed) process.exit(1);
console.log(`\nAll ${examples.length} examples ran.`);
