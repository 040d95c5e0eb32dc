/**
 * One decoration's settings: the decorator's options, read once and checked when the class is decorated, so
 * mistakes show where the class is declared.
 */
import { DecorationError } from '../errors.js';
import type { StandardMetadata } from '../metadata/standard.js';
import {
  SYNC_OPTION_KEYS,
  callOptions,
  checkOptions,
  readOwn,
  type CallOptions,
  type MethodsMode,
} from '../options.js';
import { moduleUrl } from '../strategies/worker/index.js';
import { functionName } from '../strategies/call-label.js';
import { callerModule } from '../strategies/callsite.js';
import type { ExposeSyncOptions, Rename } from './types.js';

export type Direction = 'sync' | 'async';

export interface Decoration {
  decorator: string;
  direction: Direction;
  className: string;
  rename: Rename | undefined;
  include: ReadonlySet<string> | undefined;
  exclude: ReadonlySet<string> | undefined;
  statics: boolean;
  methods: MethodsMode;
  syncOptions: CallOptions;
  home: RelocationHome | undefined;
  metadata: StandardMetadata | undefined;
}

/** Where the worker finds a decorated class. */
export interface RelocationHome {
  module: string;
  exportName: string;
  twinArgs?: (...args: unknown[]) => unknown[];
  /** The class's `divergence: 'allow'`, for its instances and their resources. */
  divergenceAllowed?: boolean;
}

/** The blocking options, checked by src/options.ts; its message becomes a DecorationError. */
function checkSyncOptions(blocking: object, fail: (message: string) => never): CallOptions {
  try {
    return callOptions(checkOptions(blocking, 'options'));
  } catch (error) {
    return fail((error as Error).message.replace(/^asynchro-bridge: options: /, ''));
  }
}

const DECORATOR_OPTION_KEYS = [
  'rename',
  'include',
  'exclude',
  'statics',
  'methods',
  'module',
  'exportName',
  'allowNonFileModule',
  'twinArgs',
] as const;
const OPTION_KEYS: readonly string[] = [...DECORATOR_OPTION_KEYS, ...SYNC_OPTION_KEYS];

/** A decorator option src/options.ts has a rule for, checked there. */
function checkDecoratorOption(key: string, value: unknown, fail: (message: string) => never): void {
  try {
    checkOptions({ [key]: value }, 'options', [key]);
  } catch (error) {
    fail((error as Error).message.replace(/^asynchro-bridge: options: /, ''));
  }
}

export function readOptions(
  decorator: string,
  direction: Direction,
  Base: Function,
  options: unknown,
  metadata: StandardMetadata | undefined,
): Decoration {
  const className = functionName(Base) || '<anonymous class>';
  const fail = (message: string): never => {
    throw new DecorationError(`${decorator}(${className}): ${message}${/[.?!]$/.test(message) ? '' : '.'}`);
  };
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    fail(`options must be an object; got ${String(options)}`);
  const given = Object.keys(options as object);
  const unknown = given.filter((key) => !OPTION_KEYS.includes(key));
  if (unknown.length) fail(`unknown option ${unknown.map((key) => `'${key}'`).join(', ')}`);
  const read = readOwn(options as object, OPTION_KEYS) as Readonly<ExposeSyncOptions>;
  const { include, exclude, statics, methods, module, exportName, allowNonFileModule, twinArgs } = read;
  const blocking = readOwn(read, SYNC_OPTION_KEYS);
  let rename = read.rename;
  if (rename !== undefined && typeof rename !== 'function' && (typeof rename !== 'object' || rename === null))
    fail('rename must be a function or an object');
  if (rename !== undefined && typeof rename === 'object') {
    rename = readOwn(rename, Object.keys(rename)) as Rename; // a copy: its names are read once
    for (const [name, value] of Object.entries(rename)) {
      if (value !== false && (typeof value !== 'string' || value === ''))
        fail(`rename.${name} must be a non-empty string, or false for no variant`);
    }
  }
  const nameList = (list: unknown, option: string): ReadonlySet<string> | undefined => {
    if (list === undefined) return undefined;
    const names = Array.isArray(list)
      ? Array.from({ length: list.length }, (_, i) => (Object.hasOwn(list, i) ? list[i] : undefined))
      : [];
    if (!Array.isArray(list) || !names.every((name) => typeof name === 'string'))
      fail(`${option} must be an array of method names`);
    return new Set(names as string[]);
  };
  if (statics !== undefined && typeof statics !== 'boolean') fail('statics must be true or false');
  if (methods !== undefined && direction === 'async')
    fail('methods: an option of exposeSync; exposeAsync takes the sync methods');
  checkDecoratorOption('methods', methods, fail);
  if (direction === 'async' && Object.keys(blocking).length) {
    fail(`${Object.keys(blocking).join(', ')}: options of exposeSync; async variants do not block`);
  }
  const syncOptions = checkSyncOptions(blocking, fail);
  if (allowNonFileModule !== undefined && typeof allowNonFileModule !== 'boolean')
    fail('allowNonFileModule must be true or false');
  let home: RelocationHome | undefined;
  if (module !== undefined) {
    let where = '';
    const given = module === true ? callerModule() : module;
    if (given === undefined)
      fail(
        'module: true found no file in the call stack that decorated the class; name the module (import.meta.url or __filename)',
      );
    try {
      where = moduleUrl(given as string | URL, allowNonFileModule);
    } catch (error) {
      fail((error as Error).message.replace(/^asynchro-bridge: /, ''));
    }
    const name = exportName ?? functionName(Base);
    if (typeof name !== 'string' || name === '') fail('exportName is needed: the class has no name');
    if (twinArgs !== undefined && typeof twinArgs !== 'function')
      fail("twinArgs must be a function (...constructorArgs) => the twin's constructor arguments");
    home = {
      module: where,
      exportName: name as string,
      ...(twinArgs && { twinArgs: twinArgs as RelocationHome['twinArgs'] }),
      ...(blocking.divergence === 'allow' && { divergenceAllowed: true }),
    };
  } else if (exportName !== undefined || twinArgs !== undefined) {
    fail(
      `${exportName !== undefined ? 'exportName' : 'twinArgs'} needs module: name the module that exports the class`,
    );
  }
  return {
    decorator,
    direction,
    className,
    rename,
    include: nameList(include, 'include'),
    exclude: nameList(exclude, 'exclude'),
    statics: statics ?? false,
    methods: methods ?? 'async',
    syncOptions,
    home,
    metadata,
  };
}
