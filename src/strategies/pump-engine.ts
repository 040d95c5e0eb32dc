/**
 * Loading the pump engine: the native addon whose `run()` turns the calling thread's event loop once
 * (`uv_run(loop, UV_RUN_ONCE)`, native/pump.c). It is a Node-API addon, so one build per platform serves every Node
 * major, later ones included; the package ships one for each of linux, darwin and win32 on x64 and arm64, in
 * `prebuilds/<platform>-<arch>/pump.node` (scripts/build-engine.sh). The Linux builds use no C library, so the
 * same file serves glibc and musl. Nothing is built or fetched at install.
 *
 * `loadPumpEngine()` never throws: it returns the engine, or why there is none here (the runtime, platform,
 * architecture and C library named), so a caller can decide before any work starts.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingEngineAdvice } from './bundler.js';
import { ownRequire } from './lazy-builtins.js';
import { engineUnavailable, runtimeWithoutLoop, type PumpUnavailable } from './pump-support.js';

export interface PumpEngine {
  /** One `uv_run(UV_RUN_ONCE)` of this thread's loop; what a callback run by that turn throws is thrown from here. */
  run(): void;
}

/** The engine, or why there is none. */
export type PumpEngineLoad =
  | { engine: PumpEngine; unavailable?: undefined }
  | { engine?: undefined; unavailable: PumpUnavailable };

/** The platforms a prebuilt engine ships for (keep in step with scripts/build-engine.sh). */
export const ENGINE_TARGETS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];

let loaded: PumpEngineLoad | undefined;

/** The engine for this thread's runtime and platform, loaded once per thread; or why there is none. Never throws. */
export function loadPumpEngine(): PumpEngineLoad {
  return (loaded ??= load());
}

function load(): PumpEngineLoad {
  // Bun loads Node-API addons but aborts the process on their uv_run: the engine is never loaded there.
  const hasTickCallback = typeof (process as { _tickCallback?: unknown })._tickCallback === 'function';
  const runtime = runtimeWithoutLoop(process.versions, hasTickCallback);
  if (runtime) return { unavailable: runtime };
  const target = `${process.platform}-${process.arch}`;
  const where = `Node ${process.versions.node} on ${describePlatform()}`;
  if (!ENGINE_TARGETS.includes(target)) {
    const reason =
      `no build of the loop pump's native engine ships for ${target} ` +
      '(only linux, darwin and win32 on x64 and arm64)';
    return { unavailable: { runtime: where, reason } };
  }
  const file = engineFile(target);
  if (!file) {
    const advice = missingEngineAdvice();
    const reason = advice
      ? `the loop pump's native engine (prebuilds/${target}/pump.node) was not found: ${advice}`
      : `the loop pump's native engine (prebuilds/${target}/pump.node) is missing from the installed package`;
    return { unavailable: { runtime: where, reason } };
  }
  try {
    const engine = ownRequire()(file) as PumpEngine;
    if (typeof engine?.run !== 'function') throw new TypeError(`${file} exports no run()`);
    return { engine };
  } catch (cause) {
    return { unavailable: engineUnavailable(cause, process.versions.node, describePlatform()) };
  }
}

/**
 * Where the package's prebuilds are: `prebuilds/` at the package root, one folder above dist/index.cjs and two above
 * src/strategies/ or dist/strategies/; from an application's bundle, beside it (copied there) or wherever
 * `asynchro-bridge` resolves.
 */
function engineFile(target: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const roots = [join(here, '..'), join(here, '..', '..'), here];
  try {
    roots.push(dirname(ownRequire().resolve('asynchro-bridge/package.json')));
  } catch {
    // not installed as a package (an application's bundle without node_modules)
  }
  return roots.map((root) => join(root, 'prebuilds', target, 'pump.node')).find((file) => existsSync(file));
}

/** `linux-arm64 (musl)`, `darwin-x64`: the C library matters only to readers on Linux. */
function describePlatform(): string {
  const target = `${process.platform}-${process.arch}`;
  if (process.platform !== 'linux') return target;
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  const glibc = report?.header?.glibcVersionRuntime;
  return `${target} (${glibc ? `glibc ${glibc}` : 'musl or another C library'})`;
}
