/**
 * Where a decorated instance's call runs when it moves to a worker: on its twin, built from the same constructor
 * arguments, or for a sub-resource of a relocatable client (`client.chat.completions`) on the twin client's own.
 */
import { SyncContextError } from '../errors.js';
import { setInstanceRelocator, type CallSite, type Relocation } from '../strategies/relocation.js';
import { changedMember, droppedFunction, expectedMembers, methodsOf, type Expected } from '../strategies/divergence.js';
import { dataFields, describe } from '../strategies/worker/wire/clone.js';
import type { RelocationHome } from './decoration.js';

const constructorArgs = new WeakMap<object, unknown[]>();
/** Decorated prototypes whose class was given a `module`. */
const relocatableHomes = new WeakMap<object, RelocationHome>();
/** Every prototype the decorators made: their instances are resources when a client holds them. */
const decoratedPrototypes = new WeakSet<object>();
/** Sub-resources: the relocatable client that holds each, and the property path from it. */
const resourceOwners = new WeakMap<object, { client: object; path: readonly string[] }>();
let anyResources = false;

/** What each relocatable instance and its resources held when constructed. */
const expectations = new WeakMap<object, Expected>();

export function rememberDecorated(prototype: object, home: RelocationHome | undefined): void {
  decoratedPrototypes.add(prototype);
  if (home) relocatableHomes.set(prototype, home);
  methodsOf(prototype); // what the worker's import gets: a later spy on the prototype differs from it
}

/** Called by a relocatable class's constructor. */
export function rememberConstruction(instance: object, args: unknown[]): void {
  constructorArgs.set(instance, args); // a decorated subclass's constructor runs later and wins
  expectations.set(instance, expectedMembers(instance));
  findResources(instance, instance, [], new Set([instance]));
}

/** Fields holding decorated instances or the client's generated resources, nested up to four levels. */
function findResources(client: object, holder: object, path: readonly string[], seen: Set<object>): void {
  if (path.length >= 4) return;
  for (const key of Object.keys(holder)) {
    let value: unknown;
    try {
      value = (holder as Record<string, unknown>)[key];
    } catch {
      continue; // a throwing getter is nothing we can reach again in the worker
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    if (!isDecoratedInstance(value) && !isGeneratedResourceOf(value, client)) continue;
    seen.add(value);
    anyResources = true;
    resourceOwners.set(value, { client, path: [...path, key] });
    expectations.set(value, expectedMembers(value));
    findResources(client, value, [...path, key], seen);
  }
}

/** A resource of a Stainless-generated SDK client (openai, anthropic), which holds its client in `_client`. */
function isGeneratedResourceOf(value: object, client: object): boolean {
  return Object.getOwnPropertyDescriptor(value, '_client')?.value === client;
}

function isDecoratedInstance(value: object): boolean {
  for (
    let level = Object.getPrototypeOf(value) as object | null;
    level !== null;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    if (decoratedPrototypes.has(level)) return true;
  }
  return false;
}

/** Whether `receiver` is a sub-resource of a relocatable client (cheap when no client holds any). */
export function isResource(receiver: unknown): boolean {
  return anyResources && resourceOwners.has(receiver as object);
}

/** How `receiver.method(...)` runs on a twin, or `undefined`. */
function instanceRelocation(receiver: unknown, method: string): Relocation | undefined {
  const owned = typeof receiver === 'object' && receiver !== null ? resourceOwners.get(receiver) : undefined;
  const instance = owned?.client ?? receiver;
  const home =
    typeof instance === 'object' && instance !== null
      ? relocatableHomes.get(Object.getPrototypeOf(instance) as object)
      : undefined;
  if (!home) return undefined;
  const root = instance as object;
  const receive = (fields: Record<string, unknown>): void => {
    const mine = dataFields(root);
    // Only data fields come back: a function or class instance here is never replaced.
    for (const [key, value] of Object.entries(fields))
      if (Object.hasOwn(mine, key) || !Object.hasOwn(root, key)) (root as Record<string, unknown>)[key] = value;
  };
  return {
    module: home.module,
    exportName: home.exportName,
    divergence: home.divergenceAllowed ? 'allow' : () => divergenceOf(root, owned?.path ?? [], home),
    instance: {
      constructorArgs: twinArgsOf(root, home),
      method,
      path: owned?.path,
      fields: dataFields(root),
      receive,
      signalAt: undefined,
    },
    iterator: undefined,
    transfer: undefined,
  };
}

/** The constructor arguments, or what the class's `twinArgs` makes of them (once). */
const twinArgs = new WeakMap<object, unknown[]>();
function twinArgsOf(instance: object, home: RelocationHome): unknown[] {
  const args = constructorArgs.get(instance) ?? [];
  if (!home.twinArgs) return args;
  let made = twinArgs.get(instance);
  if (!made) twinArgs.set(instance, (made = home.twinArgs(...args)));
  return made;
}

/**
 * What the twin of `root` (or a resource on `path`) would run differently: a function `twinArgs` leaves out, or a
 * member that is not what it was when constructed.
 */
function divergenceOf(root: object, path: readonly string[], home: RelocationHome): string | undefined {
  const dropped = home.twinArgs && droppedText(root, home);
  if (dropped) return dropped;
  let object: unknown = root;
  for (let step = 0; typeof object === 'object' && object !== null; step++) {
    const expected = expectations.get(object);
    const key = expected && changedMember(object, expected);
    if (key !== undefined) return changedText(root, [...path.slice(0, step), key], object, key);
    if (step === path.length) return undefined;
    object = (object as Record<string, unknown>)[path[step]!];
  }
  return undefined;
}

/** What `twinArgs` leaves out, found once per instance ('' for nothing). */
const droppedTexts = new WeakMap<object, string>();
function droppedText(instance: object, home: RelocationHome): string {
  let text = droppedTexts.get(instance);
  if (text === undefined) {
    const dropped = droppedFunction(constructorArgs.get(instance) ?? [], twinArgsOf(instance, home));
    text = dropped
      ? `the class's twinArgs leaves out ${dropped[0]} (${describe(dropped[1])}), which this object was constructed with`
      : '';
    droppedTexts.set(instance, text);
  }
  return text;
}

function changedText(root: object, path: readonly string[], object: object, key: string): string {
  const member = `${root.constructor.name}'s .${path.join('.')}`;
  if (Object.hasOwn(object, key))
    return `${member} was set on the object itself after it was constructed (a mock or a spy?), and its twin does not have it`;
  return `${member} is not the method ${object.constructor.name} had when it was decorated (replaced on its prototype: a spy or a mock?)`;
}

setInstanceRelocator(instanceRelocation); // a syncView of a decorated instance moves the same way

/**
 * The relocation of a call, or the SyncContextError naming the class whose twin is missing: for a resource, the
 * client that holds it.
 */
export function relocationOf(receiver: unknown, method: string, site: CallSite): Relocation {
  const relocation = instanceRelocation(receiver, method);
  if (relocation) return relocation;
  const owned = typeof receiver === 'object' && receiver !== null ? resourceOwners.get(receiver) : undefined;
  const holder = owned?.client ?? receiver;
  const name = (holder as { constructor?: { name?: string } } | undefined)?.constructor?.name || typeof holder;
  const on = owned ? `.${owned.path.join('.')} of a ${name}` : `an instance of ${name}`;
  const ancestor = relocatableAncestor(holder);
  const because = ancestor
    ? `${name} extends ${ancestor}, which can move, but ${name} itself was not decorated with the \`module\` option`
    : `${name} was not decorated with the \`module\` option`;
  throw new SyncContextError(
    `${site.verb}(${site.className}.${method}) cannot move to a worker thread: it was called on ${on}, and ${because}, ` +
      `so no worker can build its twin. Decorate ${name} with exposeSync({ module: import.meta.url }) in a module ` +
      `that only defines and exports it (the worker imports that module, so it must not make blocking calls as it ` +
      `loads), and import it where the call is made. Or keep the call on this thread: await the async method, or call ` +
      'from CommonJS or a setImmediate callback (`setImmediate(() => ...)` leaves the microtask; in a test, so do ' +
      '`pumped` and `runPumped` from asynchro-bridge/testing).',
    { functionName: `${site.className}.${method}` },
  );
}

/** The export name of the nearest class above `instance`'s own that is relocatable, if any. */
function relocatableAncestor(instance: unknown): string | undefined {
  if (typeof instance !== 'object' || instance === null) return undefined;
  for (
    let level = Object.getPrototypeOf(Object.getPrototypeOf(instance)) as object | null;
    level !== null;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    const home = relocatableHomes.get(level);
    if (home) return home.exportName;
  }
  return undefined;
}
