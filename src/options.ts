/**
 * The options of blocking calls and `checkOptions`, their one reader: a bad option fails where it is given, before
 * any work starts. Options are read once, from own properties only, into a frozen record, so a later change, a
 * getter or a polluted `Object.prototype.timeout` cannot change a call.
 */

export const STRATEGIES = ['auto', 'pump', 'worker'] as const;

/**
 * How a sync call blocks: `'pump'` turns this thread's event loop; `'worker'` waits for a worker thread (relocatable
 * targets only); `'auto'` takes the pump where the context allows it, else the worker, else `SyncContextError`.
 */
export type Strategy = (typeof STRATEGIES)[number];

export const REENTRANCY_POLICIES = ['allow', 'warn', 'throw'] as const;

/**
 * When a callback run by a pump starts another blocking call or re-enters a blocked instance: `'allow'` (default),
 * `'warn'` (a process warning once per site) or `'throw'` (ReentrancyError).
 */
export type ReentrancyPolicy = (typeof REENTRANCY_POLICIES)[number];

export const DIVERGENCE_POLICIES = ['throw', 'allow'] as const;
export type DivergencePolicy = (typeof DIVERGENCE_POLICIES)[number];

export const METHODS_MODES = ['async', 'all'] as const;
export type MethodsMode = (typeof METHODS_MODES)[number];

/**
 * The longest finite `timeout`: Node's timers turn anything longer into 1 ms (with a TimeoutOverflowWarning).
 * `Infinity` means no timeout.
 */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Options shared by every blocking call. */
export interface SyncOptions {
  /**
   * Give up after this many milliseconds with `SyncTimeoutError`: 0 to `MAX_TIMEOUT_MS` (2^31 - 1), or `Infinity`
   * for no timeout. No default: wait as long as it takes.
   */
  timeout?: number;
  /** End the wait with the signal's reason when it aborts. */
  signal?: AbortSignal;
  /** How to block. Default `'auto'`. */
  strategy?: Strategy;
  /** Re-entrancy policy while this call is blocked. Default: `setReentrancyPolicy()`, else `'allow'`. */
  reentrancy?: ReentrancyPolicy;
  /**
   * When the call would move to a worker by itself (strategy `'auto'`) and the twin there would not run what the
   * caller's object runs (a spy, a function field, a replaced `globalThis.fetch`): `'throw'` (default) refuses with
   * DivergenceError, `'allow'` runs it on the twin. Strategy `'worker'` is never refused.
   */
  divergence?: DivergencePolicy;
}

export const SYNC_OPTION_KEYS = [
  'timeout',
  'signal',
  'strategy',
  'reentrancy',
  'divergence',
] as const satisfies readonly (keyof SyncOptions)[];

/** One blocking call's options as read: every key present (one shape, no read reaches a prototype), frozen. */
export interface CallOptions {
  readonly timeout: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly strategy: Strategy | undefined;
  readonly reentrancy: ReentrancyPolicy | undefined;
  readonly divergence: DivergencePolicy | undefined;
  readonly transfer: boolean;
}

/** The record of checked options (see `checkOptions`), with `strategy` set when the entry point decides it. */
export function callOptions(
  read: Readonly<Partial<SyncOptions & { transfer: boolean }>>,
  strategy: Strategy | undefined = read.strategy,
): CallOptions {
  return Object.freeze({
    timeout: read.timeout,
    signal: read.signal,
    strategy,
    reentrancy: read.reentrancy,
    divergence: read.divergence,
    transfer: read.transfer === true,
  });
}

export const NO_CALL_OPTIONS: CallOptions = callOptions({});

/** Each option's rule: its type check, what it must be, and for numbers the allowed range. */
const RULES: Record<string, { check: (value: unknown) => boolean; must: string; range?: (value: unknown) => boolean }> =
  {
    timeout: {
      check: (value) => typeof value === 'number' && !Number.isNaN(value),
      range: (value) => value === Infinity || ((value as number) >= 0 && (value as number) <= MAX_TIMEOUT_MS),
      must: `a number of milliseconds from 0 to ${MAX_TIMEOUT_MS}, or Infinity for no timeout`,
    },
    signal: { check: isAbortSignal, must: 'an AbortSignal' },
    strategy: {
      check: (value) => STRATEGIES.includes(value as Strategy),
      must: `one of ${STRATEGIES.map(quote).join(', ')}`,
    },
    reentrancy: {
      check: (value) => REENTRANCY_POLICIES.includes(value as ReentrancyPolicy),
      must: `one of ${REENTRANCY_POLICIES.map(quote).join(', ')}`,
    },
    divergence: {
      check: (value) => DIVERGENCE_POLICIES.includes(value as DivergencePolicy),
      must: `one of ${DIVERGENCE_POLICIES.map(quote).join(', ')}`,
    },
    module: {
      check: (value) => (typeof value === 'string' && value !== '') || value instanceof URL,
      must: 'a file URL (import.meta.url, new URL(...)) or an absolute path',
    },
    exportName: { check: (value) => typeof value === 'string' && value !== '', must: 'a non-empty string' },
    allowNonFileModule: { check: (value) => typeof value === 'boolean', must: 'true or false' },
    transfer: { check: (value) => typeof value === 'boolean', must: 'true or false' },
    name: { check: (value) => typeof value === 'string', must: 'a string' },
    methods: {
      check: (value) => METHODS_MODES.includes(value as MethodsMode),
      must: `one of ${METHODS_MODES.map(quote).join(', ')}`,
    },
    capture: { check: (value) => typeof value === 'function', must: 'a function' },
  };

function quote(value: string): string {
  return `'${value}'`;
}

/** A real AbortSignal: `instanceof` alone passes an object made from its prototype, whose `aborted` then throws. */
const abortedOf = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;
function isAbortSignal(value: unknown): boolean {
  try {
    return value instanceof AbortSignal && typeof abortedOf.call(value) === 'boolean';
  } catch {
    return false; // a revoked Proxy, a forged signal
  }
}

const hasOwn = Object.hasOwn;

/** The own properties of `options` among `keys`, each read once, into a frozen record with no prototype. */
export function readOwn(options: object, keys: readonly string[]): Readonly<Record<string, unknown>> {
  const record: Record<string, unknown> = Object.create(null);
  for (const key of keys) if (hasOwn(options, key)) record[key] = (options as Record<string, unknown>)[key];
  return Object.freeze(record);
}

const NO_OPTIONS = Object.freeze(Object.create(null));

/**
 * Reads and checks the options given to `where` (`'synced(fetchUser)'`): own keys among `allowed`, each valid
 * (`undefined` counts as not given). Returns the values read: use them, never `options` again.
 */
export function checkOptions<O extends object = SyncOptions>(
  options: unknown,
  where: string,
  allowed: readonly string[] = SYNC_OPTION_KEYS,
): Readonly<Partial<O>> {
  if (options === undefined) return NO_OPTIONS;
  if (typeof options !== 'object' || options === null || isArray(options)) {
    throw new TypeError(`asynchro-bridge: ${where}: options must be an object; got ${describeValue(options)}.`);
  }
  let keys: string[];
  let read: Readonly<Record<string, unknown>>;
  try {
    keys = Object.keys(options);
    read = readOwn(options, allowed);
  } catch (error) {
    throw new TypeError(
      `asynchro-bridge: ${where}: options could not be read (a getter or a Proxy trap threw, or a revoked Proxy).`,
      { cause: error },
    );
  }
  for (const key of keys) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `asynchro-bridge: ${where}: unknown option '${key}'; the options are ${allowed.map(quote).join(', ')}.`,
      );
    }
  }
  for (const key of allowed) {
    const value = read[key];
    if (value === undefined) continue;
    const rule = RULES[key];
    if (!rule) continue; // an option whose caller checks it (the decorators' own)
    if (!rule.check(value))
      throw new TypeError(
        `asynchro-bridge: ${where}: option '${key}' must be ${rule.must}; got ${describeValue(value)}.`,
      );
    if (rule.range && !rule.range(value))
      throw new RangeError(
        `asynchro-bridge: ${where}: option '${key}' must be ${rule.must}; got ${describeValue(value)}.`,
      );
  }
  return read as Readonly<Partial<O>>;
}

/** `Array.isArray`, false for a revoked Proxy (whose keys then cannot be read). */
function isArray(value: object): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

export function checkFunction(fn: unknown, where: string, what = 'fn'): void {
  if (typeof fn !== 'function')
    throw new TypeError(`asynchro-bridge: ${where}: ${what} must be a function; got ${describeValue(fn)}.`);
}

/** A short, safe description of any value for a message: never runs the value's own code (getters, toString). */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value)} (a string)`;
    case 'number':
    case 'boolean':
      return `${String(value)} (a ${typeof value})`;
    case 'bigint':
      return `${String(value)}n (a bigint)`;
    case 'symbol':
      return `${String(value)} (a symbol)`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      try {
        return Array.isArray(value) ? 'an array' : 'an object';
      } catch {
        return 'an object'; // a revoked Proxy
      }
  }
}
