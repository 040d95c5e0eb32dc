/**
 * Finding deasync's native binary. deasync ships prebuilt builds per platform and exact Node major
 * (`bin/<platform>-<arch>-node-<major>`) and picks only the exact one, so on a newer major it would fail although a
 * compatible build ships. Its builds from Node 20 on are Node-API addons (ABI-stable across majors) that import two
 * more symbols from the node binary, `v8::Isolate::GetCurrent()` and `node::GetCurrentEventLoop(v8::Isolate*)`,
 * whose signatures have not changed: so the newest shipped build of an older major is tried next. A build that does
 * not fit fails to load (the dynamic linker or Node-API refuses it) rather than misbehaving, so try-loading is safe.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ownRequire } from './lazy-builtins.js';

export interface Deasync {
  /** Runs `process._tickCallback()` then one `uv_run(UV_RUN_ONCE)`, while `pred()` is true (checked before each). */
  loopWhile(pred: () => boolean): void;
  /** One `uv_run(UV_RUN_ONCE)`: the binary's own entry point, when it was found (the pump then calls it directly). */
  run?: () => void;
}

interface Binding {
  run(): void;
}

/** The oldest major whose deasync builds are Node-API addons (earlier ones are tied to one Node ABI). */
const OLDEST_NODE_API_BUILD = 20;

/** deasync as it loads itself; else the newest compatible shipped build (see above). Throws deasync's own error. */
export function requireDeasync(): Deasync {
  try {
    const loopWhile = (ownRequire()('deasync') as Deasync).loopWhile;
    return { loopWhile, run: ownBuild()?.run };
  } catch (error) {
    const binding = loadFallbackBuild();
    if (!binding) throw error;
    return { loopWhile: (pred) => loopWhile(binding, pred), run: binding.run };
  }
}

/** The build deasync itself loaded (the same file, so the same module): `bin/<platform>-<arch>-node-<major>`. */
function ownBuild(): Binding | undefined {
  try {
    const build = `${process.platform}-${process.arch}-node-${process.versions.node.split('.')[0]}`;
    return ownRequire()(join(dirname(ownRequire().resolve('deasync')), 'bin', build, 'deasync.node')) as Binding;
  } catch {
    return undefined; // deasync found its build elsewhere (node-gyp): its loopWhile serves
  }
}

function loopWhile(binding: Binding, pred: () => boolean): void {
  const ticks = process as unknown as { _tickCallback(): void };
  while (pred()) {
    ticks._tickCallback();
    if (pred()) binding.run();
  }
}

function loadFallbackBuild(): Binding | undefined {
  let bin: string;
  try {
    bin = join(dirname(ownRequire().resolve('deasync')), 'bin');
  } catch {
    return undefined;
  }
  const major = Number(process.versions.node.split('.')[0]);
  for (const build of fallbackBuilds(readdirSafe(bin), process.platform, process.arch, major)) {
    try {
      return ownRequire()(join(bin, build, 'deasync.node')) as Binding;
    } catch {
      // not loadable here: try the next older build
    }
  }
  return undefined;
}

/** Shipped builds for this platform that may load on `major`, newest first: Node-API builds of older majors. */
export function fallbackBuilds(builds: string[], platform: string, arch: string, major: number): string[] {
  const prefix = `${platform}-${arch}-node-`;
  return builds
    .filter((build) => build.startsWith(prefix) && /^\d+$/.test(build.slice(prefix.length)))
    .map((build) => ({ build, major: Number(build.slice(prefix.length)) }))
    .filter((candidate) => candidate.major >= OLDEST_NODE_API_BUILD && candidate.major < major)
    .sort((a, b) => b.major - a.major)
    .map((candidate) => candidate.build);
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
