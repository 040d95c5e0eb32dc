/** The targets, on the worker thread: modules imported, twins built, contexts entered; else a StartupFailure. */
import { declaredRelocatable } from '../../relocation.js';
import { dataFields, describe } from '../wire/clone.js';
import { importing } from '../wire/import-chain.js';
import type { CallRequest, ContextSpec, ErrorOrigin, Place, TargetSpec } from '../wire/protocol.js';

const modules = new Map<string, Promise<Record<string, unknown>>>();
/** The namespaces of the modules imported so far, where error classes are looked for (`originOf`). */
const namespaces = new Map<string, Record<string, unknown>>();
const twins = new Map<number, Promise<object>>();

/** `instanceof` would run a hostile Proxy's getPrototypeOf trap, in the one place a throw ends the worker. */
export const isStartupFailure = (reason: unknown): reason is StartupFailure => {
  try {
    return reason instanceof StartupFailure;
  } catch {
    return false;
  }
};

export class StartupFailure {
  constructor(
    readonly message: string,
    readonly cause: unknown,
    /** The module could not be loaded: this worker keeps that failure, a fresh one would try again. */
    readonly retire = false,
  ) {}
}

function load(url: string): Promise<Record<string, unknown>> {
  let loading = modules.get(url);
  if (!loading) {
    loading = importing(url, () => import(url) as Promise<Record<string, unknown>>);
    modules.set(url, loading);
    loading.then((namespace) => namespaces.set(url, namespace)).catch(() => {});
    loading.catch(() => modules.delete(url)); // a fixed file can be loaded by a later call
  }
  return loading;
}

async function exportOf(module: string, exportName: string, what: string): Promise<unknown> {
  let namespace: Record<string, unknown>;
  try {
    namespace = await load(module);
  } catch (error) {
    const reason = withoutRunnerUrl(error);
    throw new StartupFailure(
      `the worker could not load ${module}: ${(reason as Error)?.message ?? reason}`,
      reason,
      true,
    );
  }
  const declared = declaredRelocatable(module, exportName); // a bundler may have renamed the export (relocation.ts)
  if (declared !== undefined) return declared;
  if (!(exportName in namespace)) {
    const names = Object.keys(namespace).join(', ') || 'none';
    const error = new Error(
      `${module} has no export "${exportName}" (its exports: ${names}). Name one of them (exportName), or export ` +
        `"${exportName}" from that module.`,
    );
    throw new StartupFailure(error.message, error);
  }
  const value = namespace[exportName];
  if (typeof value !== 'function') {
    const error = new TypeError(
      `export "${exportName}" of ${module} is ${describe(value)}, not ${what}. Name an export that is one (exportName).`,
    );
    throw new StartupFailure(error.message, error);
  }
  return value;
}

/**
 * Node names the importing module in a failed import's message ("imported from ..."): where that is this runner's
 * copy inside asynchro's bundle, a data: URL of some 30 kB (calling/startup.ts), it is named instead.
 */
function withoutRunnerUrl(error: unknown): unknown {
  const here = import.meta.url;
  if (!here.startsWith('data:') || !(error instanceof Error)) return error;
  const named = "asynchro's worker runner";
  error.message = error.message.replaceAll(here, named);
  if (error.stack) error.stack = error.stack.replaceAll(here, named);
  return error;
}

/** Module and export of each target key the caller has sent. */
const places = new Map<number, Place>();

/** Notes where a target key lives, the first time the caller sends it. */
export function learnPlace(target: TargetSpec): void {
  if (target.place) places.set(target.key, target.place);
}

/** Whether the twin `twin` was built (a rejection says so, for the caller's cache). */
export const hasTwin = (twin: number): boolean => twins.has(twin);

/** The caller's instance is gone: its twin goes too. */
export function releaseTwin(twin: number): void {
  twins.delete(twin);
  resolvedTwins.delete(twin);
}

async function resolve(target: TargetSpec): Promise<{ fn: Function; thisArg: unknown; twin?: object }> {
  const { module, exportName } = places.get(target.key)!;
  const { instance } = target;
  if (!instance) return { fn: (await exportOf(module, exportName, 'a function')) as Function, thisArg: undefined };
  let building = twins.get(instance.twin);
  if (!building) {
    // Kept as a promise, so that two calls arriving together build one twin, not two.
    building = buildTwin(module, exportName, instance.constructorArgs ?? []);
    twins.set(instance.twin, building);
    building.catch(() => twins.delete(instance.twin));
  }
  const twin = await building;
  const receiver = reach(twin, instance.path);
  const method = (receiver as Record<string, unknown> | undefined)?.[instance.method];
  if (typeof method !== 'function') {
    const where = instance.path?.length
      ? `the twin's .${instance.path.join('.')}.${instance.method}`
      : `${exportName}.prototype.${instance.method}`;
    const error = new TypeError(`${where} is ${describe(method)}, not a method`);
    throw new StartupFailure(error.message, error);
  }
  return { fn: method, thisArg: receiver, twin };
}

/** The object at `path` from `twin` (a sub-resource of the twin client), or `undefined` when the path breaks. */
function reach(twin: object | undefined, path: readonly string[] | undefined): unknown {
  let at: unknown = twin;
  for (const key of path ?? [])
    at = at === null || typeof at !== 'object' ? undefined : (at as Record<string, unknown>)[key];
  return at;
}

async function buildTwin(module: string, exportName: string, constructorArgs: unknown[]): Promise<object> {
  const Class = (await exportOf(module, exportName, 'a class')) as new (...args: unknown[]) => object;
  return Reflect.construct(Class, constructorArgs);
}

export async function enterContexts(contexts: ContextSpec[], run: () => unknown): Promise<unknown> {
  let body = run;
  for (const context of [...contexts].reverse()) {
    const enter = (await exportOf(context.module, context.exportName, 'a context entry function')) as (
      value: unknown,
      run: () => unknown,
    ) => unknown;
    const inner = body;
    body = () => enter(context.value, inner);
  }
  return body();
}

/** Targets already resolved, by module and export, so later calls start without waiting a turn (kept as the pair
 * `resolvedNow` returns, not made again each call). */
const resolvedFunctions = new Map<number, { fn: Function; thisArg: undefined }>();
const resolvedTwins = new Map<number, object>();

export function resolvedNow({ key, instance }: TargetSpec): { fn: Function; thisArg: unknown } | undefined {
  if (!instance) {
    return resolvedFunctions.get(key);
  }
  const receiver = reach(resolvedTwins.get(instance.twin), instance.path);
  const method = (receiver as Record<string, unknown> | undefined)?.[instance.method];
  return typeof method === 'function' ? { fn: method, thisArg: receiver } : undefined;
}

export async function resolveAndRemember(target: TargetSpec): Promise<{ fn: Function; thisArg: unknown }> {
  const resolved = await resolve(target);
  if (target.instance) resolvedTwins.set(target.instance.twin, resolved.twin!);
  else resolvedFunctions.set(target.key, { fn: resolved.fn, thisArg: undefined });
  return resolved;
}

/** The caller instance's data fields, as they are at the call, onto its twin (the client, for a resource's call). */
export function takeFields({ instance }: TargetSpec): void {
  const twin = instance?.fields && resolvedTwins.get(instance.twin);
  if (twin) Object.assign(twin, instance.fields);
}

/** The twin's data fields after the call, for the caller instance (only for calls that sent theirs). */
export function fieldsAfter({ target }: CallRequest): { fields?: Record<string, unknown> } {
  const twin = target.instance?.fields && resolvedTwins.get(target.instance.twin);
  return twin ? { fields: dataFields(twin) } : {};
}

/** Origins found, by class (a class is looked for once it was found; one not found is looked for again later). */
const origins = new WeakMap<Function, ErrorOrigin>();

/**
 * Where `error`'s class is defined among the modules this worker imported (re-exports included): an export, or an
 * exported class's static (`Client.APIError`); else the nearest ancestor found, not `exact`.
 */
export function originOf(error: Error): ErrorOrigin | undefined {
  let exact = true;
  for (
    let errorClass = error.constructor as Function | undefined;
    typeof errorClass === 'function' && errorClass !== Error && errorClass !== Function.prototype;
    errorClass = Object.getPrototypeOf(errorClass) as Function | undefined, exact = false
  ) {
    const known = origins.get(errorClass);
    if (known) return exact === known.exact ? known : { ...known, exact };
    const found = find(errorClass);
    if (found) {
      const origin = { ...found, exact: true };
      origins.set(errorClass, origin);
      return exact ? origin : { ...origin, exact };
    }
  }
  return undefined;
}

function find(errorClass: Function): { module: string; path: string[] } | undefined {
  for (const [module, namespace] of namespaces) {
    for (const name of Object.keys(namespace)) {
      const value = namespace[name];
      if (value === errorClass) return { module, path: [name] };
      // A static, the class's own or inherited (a decorated class is a subclass of the one that declares it).
      for (let level = value; typeof level === 'function' && level !== Function.prototype; ) {
        for (const key of Object.keys(level)) {
          if ((level as unknown as Record<string, unknown>)[key] === errorClass) return { module, path: [name, key] };
        }
        level = Object.getPrototypeOf(level) as unknown;
      }
    }
  }
  return undefined;
}
