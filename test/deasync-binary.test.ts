/**
 * deasync picks its build by exact Node major; asynchro falls back to the newest shipped Node-API build of an older
 * major (see src/strategies/deasync-binary.ts for why that is safe).
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fallbackBuilds } from '../src/strategies/deasync-binary.js';
import { lastJson, runNode } from './helpers/child.js';

const shipped = readdirSync(join(dirname(createRequire(import.meta.url).resolve('deasync')), 'bin'));
const major = Number(process.versions.node.split('.')[0]);

describe('deasync binary fallback', () => {
  it('on a future major, tries the Node-API builds of older majors, newest first', () => {
    expect(fallbackBuilds(shipped, 'linux', 'x64', 28)).toEqual([
      'linux-x64-node-26',
      'linux-x64-node-24',
      'linux-x64-node-22',
      'linux-x64-node-21',
      'linux-x64-node-20',
    ]);
    // darwin-x64 builds stop at Node 21; darwin-arm64 has 22, 24 and 26; there is no linux-arm64 build
    expect(fallbackBuilds(shipped, 'darwin', 'x64', 28)).toEqual(['darwin-x64-node-21', 'darwin-x64-node-20']);
    expect(fallbackBuilds(shipped, 'darwin', 'arm64', 28)).toEqual([
      'darwin-arm64-node-26',
      'darwin-arm64-node-24',
      'darwin-arm64-node-22',
    ]);
    expect(fallbackBuilds(shipped, 'linux', 'arm64', 28)).toEqual([]);
    // never a newer major's build, never a pre-Node-API one
    expect(fallbackBuilds(shipped, 'linux', 'x64', 23)).toEqual([
      'linux-x64-node-22',
      'linux-x64-node-21',
      'linux-x64-node-20',
    ]);
    expect(fallbackBuilds(shipped, 'linux', 'x64', 20)).toEqual([]);
  });

  it(`where deasync finds no build for the major, the pump runs on an older one (Node ${major})`, async () => {
    const preload = fileURLToPath(new URL('./fixtures/deasync-new-major.cjs', import.meta.url));
    const script = fileURLToPath(new URL('./fixtures/deasync-fallback.cjs', import.meta.url));
    const child = await runNode([script], { nodeArgs: ['--require', preload] });
    const expected =
      major > 20
        ? { outcome: 'pumped', loaded: [fallbackBuilds(shipped, process.platform, process.arch, major)[0]] }
        : { outcome: 'PumpUnavailableError', loaded: [] }; // no Node-API build older than 20 ships
    expect(lastJson(child)).toEqual(expected);
    expect(child.stderr).toBe('');
  });
});
