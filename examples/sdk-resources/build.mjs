// Builds the SDK the way a dual package is built: one source (src/sdk.ts), compiled by tsc as CommonJS (sdk.cts ->
// dist/sdk.cjs) and as an ES module (sdk.mts -> dist/sdk.mjs). Part of `npm run demo`, before the scripts run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
rmSync(here('build'), { recursive: true, force: true });
mkdirSync(here('build'), { recursive: true });
copyFileSync(here('src/sdk.ts'), here('build/sdk.cts'));
copyFileSync(here('src/sdk.ts'), here('build/sdk.mts'));
// typescript's package exports hide bin/tsc from require.resolve: find it next to its package.json.
const tsc = here('../../node_modules/typescript/bin/tsc');
const run = spawnSync(process.execPath, [tsc, '-p', here('tsconfig.json')], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
console.log('compiled examples/sdk-resources/src/sdk.ts -> dist/sdk.cjs and dist/sdk.mjs');
