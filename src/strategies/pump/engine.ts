/**
 * The pump's native engine: loading it, or saying why there is none here. Its `run()` turns the calling thread's
 * event loop once (`uv_run(loop, UV_RUN_ONCE)`, native/pump.c). It is a Node-API addon, so one build per platform
 * serves every Node major, later ones included; the package ships one for each of linux, darwin and win32 on x64 and
 * arm64, in `prebuilds/<platform>-<arch>/pump.node` (scripts/build-engine.sh). The Linux builds use no C library, so
 * the same file serves glibc and musl. Nothing is built or fetched at install.
 *
 * Some runtimes have no loop to turn. Bun has no `uv_run` for native code: calling it aborts the process ("unsupported
 * uv function: uv_run"), so there the engine is never even loaded. Deno runs Node code on its own event loop and has
 * no `_tickCallback`. All of it is known before the first call that would pump, so that call is refused before its
 * work starts (test/fixtures/runtimes/ runs on each; test/fixtures/engine/ pretends to be elsewhere).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingEngineAdvice } from '../bundler.js';
import { ownRequire } from '../lazy-builtins.js';

export interface PumpEngine {
  /** One `uv_run(UV_RUN_ONCE)` of this thread's loop; what a callback run by that turn throws is thrown from here. */
  run(): void;
}

/** Why the pump cannot run here. */
export interface PumpUnavailable {
  /** Where: `Bun 1.4.5`, `Deno 2.9.6`, `Node 24.1.0 on linux-arm64`. */
  runtime: string;
  /** Why not, as a clause. */
  reason: string;
  /** The engine's load error, when that is why. */
  cause?: unknown;
}

/** The engine, or why there is none. */
export type PumpEngineLoad =
  | { engine: PumpEngine; unavailable?: undefined }
  | { engine?: undefined; unavailable: PumpUnavailable };

/** The platforms a prebuilt engine ships for (keep in step with scripts/build-engine.sh). */
export const ENGINE_TARGETS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];

type Versions = Partial<Record<'node' | 'bun' | 'deno', string>>;

/** This process's `_tickCallback`, which the pump needs to run ticks and microtasks; Deno has none. */
export const hasTickCallback = (): boolean =>
  typeof (process as { _tickCallback?: unknown })._tickCallback === 'function';

/** A runtime that has no loop the pump could turn, told by its versions and whether it has `_tickCallback`. */
export function runtimeWithoutLoop(
  versions: Versions = process.versions,
  tickCallback = hasTickCallback(),
): PumpUnavailable | undefined {
  if (versions.bun) {
    return {
      runtime: `Bun ${versions.bun}`,
      reason:
        "Bun does not implement libuv's uv_run for native code, which the loop pump needs to turn the event loop " +
        '(calling it aborts the process)',
    };
  }
  if (versions.deno) {
    return {
      runtime: `Deno ${versions.deno}`,
      reason:
        'Deno runs Node code on its own event loop, with no libuv loop that native code could turn and no ' +
        'process._tickCallback to run ticks and microtasks',
    };
  }
  if (!tickCallback) {
    return {
      runtime: `this runtime (it reports Node ${versions.node})`,
      reason: 'it has no process._tickCallback, which the loop pump needs to run ticks and microtasks',
    };
  }
  return undefined;
}

/** Node, where the pump's native engine did not load (`cause`: its load error). */
export function engineUnavailable(cause: unknown, nodeVersion: string, platform: string): PumpUnavailable {
  return {
    runtime: `Node ${nodeVersion} on ${platform}`,
    reason:
      `the loop pump's native engine did not load there (${firstLine(cause)}; \`cause\` is the full error)` +
      ((cause as { code?: unknown } | undefined)?.code === 'ERR_DLOPEN_DISABLED'
        ? ': the process runs under the permission model without --allow-addons, which the engine needs'
        : ''),
    cause,
  };
}

/**
 * A load error's first line, without a trailing list header: a loader's message may go on with every path it tried
 * ("Could not locate the bindings file. Tried:" and thirteen paths), which would bury the advice.
 */
function firstLine(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  return first.replace(/(?:^|\.\s+)[^.]*:$/, '').replace(/\.$/, '') || first;
}

/**
 * The engine for this thread's runtime and platform, or why there is none. Never throws. The pump keeps the answer
 * (state.ts) and asks once per thread.
 */
export function loadPumpEngine(): PumpEngineLoad {
  const runtime = runtimeWithoutLoop(); // Bun loads Node-API addons but aborts the process on their uv_run
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
 * Where the package's prebuilds are: `prebuilds/` at the package root, one folder above dist/index.cjs and three
 * above src/strategies/pump/ or dist/strategies/pump/; from an application's bundle, beside it (copied there) or
 * wherever `asynchro-bridge` resolves.
 */
function engineFile(target: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const roots = [join(here, '..'), join(here, '..', '..', '..'), here];
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
