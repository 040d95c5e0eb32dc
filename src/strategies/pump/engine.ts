/**
 * Loading the native engine (native/pump.c, prebuilt per platform by scripts/build-engine.sh), or why the pump cannot
 * run in this process: Bun aborts on its `uv_run`, Deno has no `_tickCallback` (test/fixtures/runtimes/).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingEngineAdvice } from '../bundler.js';
import { ownRequire } from '../lazy-builtins.js';

export interface PumpEngine {
  /** One `uv_run(UV_RUN_ONCE)`; throws what a callback of that turn throws. */
  run(): void;
}

export interface PumpUnavailable {
  runtime: string;
  reason: string;
  cause?: unknown;
}

export type PumpEngineLoad =
  | { engine: PumpEngine; unavailable?: undefined }
  | { engine?: undefined; unavailable: PumpUnavailable };

/** Keep in step with scripts/build-engine.sh. */
export const ENGINE_TARGETS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];

type Versions = Partial<Record<'node' | 'bun' | 'deno', string>>;

const hasTickCallback = (): boolean => typeof (process as { _tickCallback?: unknown })._tickCallback === 'function';

/** A runtime with no loop the pump could turn. */
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

/** Without the list of paths a loader may append, which would bury the advice. */
function firstLine(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  return first.replace(/(?:^|\.\s+)[^.]*:$/, '').replace(/\.$/, '') || first;
}

/** Never throws; asked once per thread (state.ts keeps the answer). */
export function loadPumpEngine(): PumpEngineLoad {
  const runtime = runtimeWithoutLoop();
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
    const engine = `the loop pump's native engine (prebuilds/${target}/pump.node)`;
    const reason = `${engine} was not found: ${missingEngineAdvice()}`;
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

/** Above dist/index.cjs, three above src/strategies/pump/; beside an application's bundle, or where it resolves. */
function engineFile(target: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const roots = [join(here, '..'), join(here, '..', '..', '..'), here];
  try {
    roots.push(dirname(ownRequire().resolve('asynchro-bridge/package.json')));
  } catch {
    // an application's bundle without node_modules
  }
  return roots.map((root) => join(root, 'prebuilds', target, 'pump.node')).find((file) => existsSync(file));
}

/** `linux-arm64 (musl)`, `darwin-x64`. */
function describePlatform(): string {
  const target = `${process.platform}-${process.arch}`;
  if (process.platform !== 'linux') return target;
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  const glibc = report?.header?.glibcVersionRuntime;
  return `${target} (${glibc ? `glibc ${glibc}` : 'musl or another C library'})`;
}
