// Compiles the SDK client example with tsc (part of `npm run demo`, before the scripts that use it run).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// typescript's package exports hide bin/tsc from require.resolve: find it next to its package.json.
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const project = fileURLToPath(new URL('tsconfig.json', import.meta.url));
const run = spawnSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
console.log('compiled examples/sdk-client/src -> examples/sdk-client/dist');
