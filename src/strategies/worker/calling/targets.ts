/** What a request names, on the calling thread: a number per module and export, a twin id per instance. */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { entryModuleAdvice, isOwnBuild } from '../../bundler.js';
import type { Relocation } from '../../relocation.js';
import type { WorkerHost } from './host.js';
import { moduleUrl } from '../wire/module-url.js';
import { liveHosts } from './pool.js';
import type { TargetSpec } from '../wire/protocol.js';
import { StartFailure } from './startup.js';

/** A twin per caller-side instance, known by its `constructorArgs` array (captured once per instance). */
const twinIds = new WeakMap<object, number>();
let nextTwinId = 1;
const releaseTwin = new FinalizationRegistry<number>((twin) => {
  for (const host of liveHosts()) {
    if (host.twins.delete(twin) && !host.exit) host.send({ release: twin });
  }
});

/** A number per module and export, so that a call names its target in a few bytes once the worker knows it. */
const targetKeys = new Map<string, number>();
/** The key of each relocation met (one is made per function or method named, so this spares a lookup per call). */
const keysByRelocation = new WeakMap<Relocation, number>();

function keyOf(relocation: Relocation): number {
  const known = keysByRelocation.get(relocation);
  if (known !== undefined) return known;
  const where = `${relocation.exportName ?? 'default'}\0${moduleUrl(relocation.module, true)}`;
  let key = targetKeys.get(where);
  if (key === undefined) {
    refuseEntryFile(relocation);
    targetKeys.set(where, (key = targetKeys.size + 1));
  }
  keysByRelocation.set(relocation, key);
  return key;
}

/**
 * In an application's bundle, a relocatable class inlined into the entry file has that file for its module: the
 * worker would import it and run the application a second time. Refused before any worker starts.
 */
function refuseEntryFile({ module, exportName = 'default' }: Relocation): void {
  if (isOwnBuild() || moduleUrl(module, true) !== entryFile()) return;
  const message = `the worker cannot load ${exportName}: ${entryModuleAdvice(exportName)}`;
  throw new StartFailure({ kind: 'startup', message, module: moduleUrl(module, true) });
}

let entry: string | undefined;

/** The URL of the application's entry file (Node runs its real path), or '' when there is none. */
function entryFile(): string {
  if (entry === undefined) {
    try {
      entry = pathToFileURL(realpathSync(process.argv[1] ?? '')).href;
    } catch {
      entry = '';
    }
  }
  return entry;
}

export function targetFor(relocation: Relocation, host: WorkerHost): TargetSpec {
  if (relocation.iterator) return { key: 0, iterator: relocation.iterator };
  const key = keyOf(relocation);
  const target: TargetSpec = host.places.has(key)
    ? { key }
    : { key, place: { module: moduleUrl(relocation.module, true), exportName: relocation.exportName ?? 'default' } };
  if (!relocation.instance) return target;
  const { constructorArgs, method, path } = relocation.instance;
  let twin = twinIds.get(constructorArgs);
  if (twin === undefined) {
    twin = nextTwinId++;
    twinIds.set(constructorArgs, twin);
    releaseTwin.register(constructorArgs, twin);
  }
  target.instance = host.twins.has(twin) ? { twin, method } : { twin, method, constructorArgs };
  if (path?.length) target.instance.path = path;
  if (relocation.instance.fields) target.instance.fields = relocation.instance.fields;
  if (relocation.instance.signalAt !== undefined) target.instance.signalAt = relocation.instance.signalAt;
  return target;
}

/** After a request went out: the worker now knows its target's place (and, once built, its twin). */
export function remember(host: WorkerHost, target: TargetSpec, twinBuilt: boolean): void {
  if (target.place) host.places.add(target.key); // without one, the worker knew it already
  if (target.instance && twinBuilt) host.twins.add(target.instance.twin);
}
