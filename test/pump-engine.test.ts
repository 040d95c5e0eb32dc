/**
 * The pump engine (native/pump.c, loaded by src/strategies/pump/engine.ts): a prebuilt ships for every target the
 * build script builds, this platform's loads and turns the loop, and where none can serve (another CPU, Bun) a call
 * is refused before its work starts, naming the platform or runtime. The cross-built binaries' formats are checked
 * by .ci/engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENGINE_TARGETS, loadPumpEngine } from '../src/strategies/pump/engine.js';
import { lastJson, repoRoot, runNode } from './helpers/child.js';

const fixture = (file: string): string => fileURLToPath(new URL(`./fixtures/engine/${file}`, import.meta.url));

describe('the pump engine', () => {
  it('ships a prebuilt for each target scripts/build-engine.sh builds', () => {
    const script = readFileSync(join(repoRoot, 'scripts/build-engine.sh'), 'utf8');
    const built = [...script.matchAll(/^(linux|darwin|windows) (x64|arm64) /gm)].map(
      ([, os, arch]) => `${os === 'windows' ? 'win32' : os}-${arch}`,
    );
    expect(built.sort()).toEqual([...ENGINE_TARGETS].sort());
    for (const target of ENGINE_TARGETS)
      expect(existsSync(join(repoRoot, 'prebuilds', target, 'pump.node'))).toBe(true);
  });

  it(`loads here (${process.platform}-${process.arch}) and exports run()`, () => {
    const { engine, unavailable } = loadPumpEngine();
    expect(unavailable).toBeUndefined();
    expect(typeof engine?.run).toBe('function');
  });

  it('blocks a call at CommonJS top level through it', async () => {
    const child = await runNode([fixture('timer-call.cjs')], { watchdogMs: 10_000 });
    expect(lastJson(child)).toEqual({ value: 'pumped', called: true });
    expect(child.stderr).toBe('');
  });

  it.each([
    [
      'arch=s390x',
      `Node ${process.versions.node} on ${process.platform}-s390x`,
      "no build of the loop pump's native engine ships for",
    ],
    ['bun=1.4.0', 'Bun 1.4.0', "Bun does not implement libuv's uv_run for native code"],
  ])(
    'where none serves (%s), the call is refused before its work starts, naming where',
    async (pretend, runtime, reason) => {
      const child = await runNode([fixture('timer-call.cjs')], {
        nodeArgs: ['--require', fixture('elsewhere.cjs')],
        env: { ...process.env, ASYNCHRO_PRETEND: pretend },
        watchdogMs: 10_000,
      });
      const result = lastJson<{ className: string; message: string; called: boolean }>(child);
      expect(result).toMatchObject({ className: 'PumpUnavailableError', called: false });
      expect(result.message).toContain(`sync(<anonymous>) cannot block on ${runtime}`);
      expect(result.message).toContain(reason);
      expect(child.stderr).toBe('');
    },
  );
});
