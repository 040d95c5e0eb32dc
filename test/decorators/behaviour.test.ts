/**
 * What decoration does to a class, checked in-process with the function form and hand-made decorator calls (no
 * decorator syntax, so vitest runs it as is). Calls that must actually block run in child processes
 * (plain-js.test.ts, consumers.test.ts): a vitest test body is a microtask, where the pump refuses.
 */
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import {
  coroutine,
  DecorationError,
  desync,
  desynced,
  exposeAsync,
  exposeSync,
  isReallyCoroutineFunction,
  syncName,
  asyncName,
  SyncContextError,
} from '../../src/index.js';
import {
  COROUTINE_KEY,
  describeVariants,
  markWrapper,
  coroutineReason,
  SYNC_NAME_KEY,
  VARIANT_KEY,
  VARIANTS_KEY,
} from '../../src/subpaths/introspection.js';

/** The class, message and functionName of what `fn` throws. */
function thrown(fn: () => unknown): { class: unknown; message: string; functionName: unknown } {
  try {
    fn();
  } catch (error) {
    const { message, functionName } = error as DecorationError;
    return { class: (error as object).constructor, message, functionName };
  }
  throw new Error('expected a throw');
}

/** A TC39 standard decorator context, as TypeScript's emitted code builds it. */
function standardContext(kind: string, name: string, metadata: Record<PropertyKey, unknown> = {}, isStatic = false) {
  return { kind, name, static: isStatic, private: false, metadata, addInitializer() {}, access: {} } as never;
}

class ServiceAsync {
  static readonly KIND = 'service';
  static instances = 0;
  constructor(
    readonly region: string,
    readonly retries = 3,
  ) {
    ServiceAsync.instances++;
  }
  async aload(key: string): Promise<string> {
    return `${this.region}:${key}`;
  }
  static async acreate(): Promise<ServiceAsync> {
    return new this('made');
  }
  static describe(): string {
    return 'static sync';
  }
}

const symbolKey = Symbol('asymbol');
class UntouchablesAsync {
  async #aprivate(): Promise<number> {
    return 1;
  }
  get acount(): Promise<number> {
    return this.#aprivate();
  }
  set avalue(_: Promise<number>) {}
  async [symbolKey](): Promise<number> {
    return 2;
  }
  static get aversion(): Promise<string> {
    return Promise.resolve('1');
  }
  static async astart(): Promise<void> {}
}

describe('the class exposeSync returns', () => {
  const Service = exposeSync(ServiceAsync);

  it('keeps name, length, statics and instanceof, and adds no instance property', () => {
    const service = new Service('eu', 5);
    expect(Service.name).toBe('ServiceAsync');
    expect(Service.length).toBe(ServiceAsync.length);
    expect(Service.length).toBe(1);
    expect(Service.KIND).toBe('service');
    expect(Service.describe()).toBe('static sync');
    expect(service).toBeInstanceOf(Service);
    expect(service).toBeInstanceOf(ServiceAsync);
    expect(Object.getPrototypeOf(Service)).toBe(ServiceAsync);
    expect([service.region, service.retries]).toEqual(['eu', 5]);
    expect(Object.keys(service)).toEqual(['region', 'retries']);
  });

  it('defines variants like class methods: non-enumerable, with the variant name and the async method length', () => {
    const descriptor = Object.getOwnPropertyDescriptor(Service.prototype, 'loadSync')!;
    expect(descriptor).toMatchObject({ writable: true, enumerable: false, configurable: true });
    expect(descriptor.value.name).toBe('loadSync');
    expect(descriptor.value.length).toBe(1);
    expect(isReallyCoroutineFunction(descriptor.value)).toBe(false);
  });

  it('keeps the class’s own metadata readable as own metadata (design:paramtypes for dependency injection)', () => {
    class Injected {
      constructor(readonly name: string) {}
      async arun(): Promise<void> {}
    }
    Reflect.defineMetadata('design:paramtypes', [String], Injected);
    expect(Reflect.getOwnMetadata('design:paramtypes', exposeSync(Injected))).toEqual([String]);
  });

  it('refuses to block inside a microtask (this test body) before starting the work', async () => {
    let started = 0;
    class CountingAsync {
      async acount(): Promise<number> {
        return ++started;
      }
    }
    const counting = new (exposeSync(CountingAsync))();
    expect(() => counting.countSync()).toThrow(SyncContextError);
    expect(() => counting.countSync()).toThrow(
      /^countSync\(CountingAsync\.acount\) cannot block here: .* The work was not started\./,
    );
    expect(started).toBe(0);
    await expect(counting.acount()).resolves.toBe(1);
  });

  it('explains a variant called without its object', () => {
    const { loadSync } = new Service('eu');
    expect(() => loadSync('k')).toThrow(
      new TypeError(
        'asynchro-bridge: ServiceAsync.loadSync was called without its object: call it as a method, or bind it first.',
      ),
    );
  });
});

describe('what gets a variant', () => {
  it('never touches getters, setters, symbol-named members, the constructor or #private members', () => {
    const Untouchables = exposeSync(UntouchablesAsync, { statics: true });
    expect(Object.getOwnPropertyNames(Untouchables.prototype)).toEqual(['constructor']);
    expect(Object.getOwnPropertySymbols(Untouchables.prototype)).toEqual([]);
    expect(Object.getOwnPropertyNames(Untouchables).sort()).toEqual(['length', 'name', 'prototype', 'startSync']);
    expect(describeVariants(Untouchables).map((record) => record.method)).toEqual(['astart']);
  });

  it('gives static methods static variants only with statics: true', () => {
    expect(Object.hasOwn(exposeSync(ServiceAsync), 'createSync')).toBe(false);
    const Service = exposeSync(ServiceAsync, { statics: true });
    expect(Object.hasOwn(Service, 'createSync')).toBe(true);
    expect(Object.hasOwn(Service, 'describeSync')).toBe(false); // a sync static
  });

  it('counts methods inherited up the prototype chain', () => {
    class Child extends ServiceAsync {
      async asave(): Promise<boolean> {
        return true;
      }
    }
    expect(Object.getOwnPropertyNames(exposeSync(Child).prototype).sort()).toEqual([
      'constructor',
      'loadSync',
      'saveSync',
    ]);
  });

  it('gives a subclass decorated again variants for its new methods only, once', () => {
    const Base = exposeSync(ServiceAsync);
    class Child extends Base {
      async asave(): Promise<boolean> {
        return true;
      }
    }
    const Again = exposeSync(Child);
    expect(Object.getOwnPropertyNames(Again.prototype).sort()).toEqual(['constructor', 'saveSync']);
    expect(
      describeVariants(Again).map(({ className, method, outcome }) => `${className}.${method}:${outcome}`),
    ).toEqual(['Child.asave:generated', 'Child.aload:kept', 'ServiceAsync.aload:generated']);
  });

  it('counts a @coroutine method and records why each method counts', () => {
    class Marked {
      later(): Promise<number> {
        return Promise.resolve(1);
      }
      plain(): Promise<number> {
        return Promise.resolve(2);
      }
    }
    coroutine(Marked.prototype, 'later', Object.getOwnPropertyDescriptor(Marked.prototype, 'later')!);
    const Exposed = exposeSync(Marked);
    expect(describeVariants(Exposed)).toEqual([
      {
        className: 'Marked',
        method: 'later',
        static: false,
        direction: 'sync',
        variant: 'laterSync',
        outcome: 'generated',
        reason: 'marked',
      },
    ]);
    expect(Object.hasOwn(Exposed.prototype, 'plainSync')).toBe(false); // promise-returning but unmarked: not detected
  });

  it('reports wrappers of coroutine functions and functions asynchro made async', () => {
    const inner = async (x: number) => x + 1;
    class Made {}
    Object.defineProperty(Made.prototype, 'aviaWrapper', {
      value: markWrapper((x: number) => inner(x), inner),
      configurable: true,
    });
    Object.defineProperty(Made.prototype, 'aviaDesynced', {
      value: desynced((x: number) => x * 2),
      configurable: true,
    });
    expect(
      describeVariants(exposeSync(Made)).map(({ method, variant, reason }) => `${method} -> ${variant} (${reason})`),
    ).toEqual(['aviaWrapper -> viaWrapperSync (wrapper)', 'aviaDesynced -> viaDesyncedSync (asynchro)']);
  });
});

describe('naming options', () => {
  class NamesAsync {
    async aone(): Promise<number> {
      return 1;
    }
    async atwo(): Promise<number> {
      return 2;
    }
    async athree(): Promise<number> {
      return 3;
    }
  }
  const names = (Class: Function) =>
    Object.getOwnPropertyNames(Class.prototype)
      .filter((name) => name !== 'constructor')
      .sort();

  it('include and exclude select by the async method’s own name', () => {
    expect(names(exposeSync(NamesAsync, { include: ['aone', 'atwo'] }))).toEqual(['oneSync', 'twoSync']);
    expect(names(exposeSync(NamesAsync, { exclude: ['aone'] }))).toEqual(['threeSync', 'twoSync']);
    expect(names(exposeSync(NamesAsync, { include: ['aone', 'atwo'], exclude: ['atwo'] }))).toEqual(['oneSync']);
  });

  it('rename as a map renames or skips listed methods; others keep the default', () => {
    expect(names(exposeSync(NamesAsync, { rename: { aone: 'firstSync', atwo: false } }))).toEqual([
      'firstSync',
      'threeSync',
    ]);
  });

  it('rename as a function decides every name and gets the default; undefined skips', () => {
    const seen: [string, string][] = [];
    const Renamed = exposeSync(NamesAsync, {
      rename: (method, defaultName) => {
        seen.push([method, defaultName]);
        return method === 'atwo' ? undefined : defaultName.replace('Sync', 'Blocking');
      },
    });
    expect(names(Renamed)).toEqual(['oneBlocking', 'threeBlocking']);
    expect(seen).toEqual([
      ['aone', 'oneSync'],
      ['atwo', 'twoSync'],
      ['athree', 'threeSync'],
    ]);
    expect(describeVariants(Renamed).find((record) => record.method === 'atwo')?.outcome).toBe('unnamed');
  });

  it('@syncName wins over rename, in both decorator flavours', () => {
    class Legacy extends NamesAsync {}
    Object.defineProperty(Legacy.prototype, 'aone', { value: async () => 1, writable: true, configurable: true });
    syncName('uno')(Legacy.prototype, 'aone', Object.getOwnPropertyDescriptor(Legacy.prototype, 'aone')!);
    expect(Reflect.getMetadata(SYNC_NAME_KEY, Legacy.prototype, 'aone')).toBe('uno');
    expect(names(exposeSync(Legacy, { rename: { aone: 'firstSync' } }))).toEqual(['threeSync', 'twoSync', 'uno']);

    // Standard: the method decorator writes context.metadata, the class decorator reads it.
    const metadata: Record<PropertyKey, unknown> = {};
    class Standard extends NamesAsync {}
    syncName(false)(NamesAsync.prototype.atwo, standardContext('method', 'atwo', metadata));
    const Exposed = exposeSync(Standard, standardContext('class', 'Standard', metadata)) as Function;
    expect(names(Exposed)).toEqual(['oneSync', 'threeSync']);
    expect(metadata[SYNC_NAME_KEY]).toEqual({ atwo: false });
    expect((metadata[VARIANTS_KEY] as unknown[]).length).toBe(3);
  });

  it('rejects include/exclude entries that are not async methods, and invalid options, at decoration time', () => {
    expect(() => exposeSync(NamesAsync, { include: ['aonee'] })).toThrow(
      new DecorationError(
        "exposeSync(NamesAsync): include names 'aonee', which is not an async method of NamesAsync (static methods count only with statics: true).",
      ),
    );
    expect(() => exposeSync(NamesAsync, { exclude: ['constructor'] })).toThrow(DecorationError);
    const invalid: [object, RegExp][] = [
      [
        { timeout: -1 },
        /option 'timeout' must be a number of milliseconds from 0 to 2147483647, or Infinity for no timeout; got -1/,
      ],
      [{ strategy: 'fast' }, /option 'strategy' must be one of 'auto', 'pump', 'worker'; got "fast"/],
      [{ rename: 5 }, /rename must be a function or an object/],
      [{ rename: { aone: '' } }, /rename\.aone must be a non-empty string, or false/],
      [{ include: 'aone' }, /include must be an array of method names/],
      [{ statics: 'yes' }, /statics must be true or false/],
      [{ exportName: 'X' }, /exportName needs module/],
      [
        { module: './relative.js' },
        /module must be a URL \(import\.meta\.url, new URL\(\.\.\.\)\) or an absolute path/,
      ],
      [{ signal: {} }, /option 'signal' must be an AbortSignal/],
      [{ reentrancy: 'never' }, /option 'reentrancy' must be one of 'allow', 'warn', 'throw'; got "never"/],
      [{ module: 'data:text/javascript,export default 1' }, /must be a file: URL or an absolute path; got "data:text/],
      [{ timout: 5 }, /exposeSync\(NamesAsync\): unknown option 'timout'/],
    ];
    for (const [options, message] of invalid) expect(() => exposeSync(NamesAsync, options as never)).toThrow(message);
    expect(() => exposeSync(NamesAsync, { rename: () => 42 as never })).toThrow(/rename\('aone'\) returned 42/);
    expect(() => exposeAsync(NamesAsync, { timeout: 5 } as never)).toThrow(
      /options of exposeSync; async variants do not block/,
    );
    expect(() => syncName('')).toThrow(DecorationError);
  });
});

describe('collisions', () => {
  it('never overwrites a variant the author wrote', () => {
    class Authored {
      async acheck(): Promise<string> {
        return 'async';
      }
      checkSync(): string {
        return 'mine';
      }
    }
    const Exposed = exposeSync(Authored);
    expect(Object.hasOwn(Exposed.prototype, 'checkSync')).toBe(false);
    expect(new Exposed().checkSync()).toBe('mine');
    expect(describeVariants(Exposed)[0]).toMatchObject({ method: 'acheck', variant: 'checkSync', outcome: 'kept' });
  });

  it('fails when two async methods map to one name, naming both', () => {
    class Twins {
      async abort(): Promise<void> {}
      async aabort(): Promise<void> {}
    }
    expect(thrown(() => exposeSync(Twins))).toEqual({
      class: DecorationError,
      message:
        'exposeSync(Twins): abort and aabort would both get the variant abortSync; rename one (the rename option, or @syncName / @asyncName).',
      functionName: 'Twins.aabort',
    });
    expect(() => exposeSync(Twins, { rename: { aabort: 'abortAgainSync' } })).not.toThrow();
  });

  it('fails when a variant name is taken by a getter or a non-method property, naming both', () => {
    class Getter {
      async afoo(): Promise<number> {
        return 1;
      }
      get fooSync(): number {
        return 0;
      }
    }
    expect(thrown(() => exposeSync(Getter))).toEqual({
      class: DecorationError,
      message:
        'exposeSync(Getter): the variant of afoo would be named fooSync, but fooSync is already an accessor (get/set); rename the variant (the rename option, or @syncName / @asyncName) or the member.',
      functionName: 'Getter.afoo',
    });
    class Field {
      async afoo(): Promise<number> {
        return 1;
      }
    }
    (Field.prototype as unknown as Record<string, unknown>).fooSync = 42;
    expect(() => exposeSync(Field)).toThrow(
      /the variant of afoo would be named fooSync, but fooSync is already a property holding number/,
    );
    class StaticClash {
      static async acheck(): Promise<void> {}
      static get checkSync(): string {
        return '';
      }
    }
    expect(() => exposeSync(StaticClash, { statics: true })).toThrow(
      /the variant of static acheck would be named checkSync, but static checkSync is already an accessor/,
    );
    expect(() => exposeSync(StaticClash)).not.toThrow();
  });
});

describe('decorator forms from one export', () => {
  class PlainAsync {
    async aget(): Promise<number> {
      return 1;
    }
  }

  it('works bare, as a factory, and as a function, in both flavours', () => {
    const forms: Function[] = [
      exposeSync(PlainAsync), // function form, and a bare legacy decorator
      exposeSync(PlainAsync, standardContext('class', 'PlainAsync')), // bare standard decorator
      exposeSync({ timeout: 10 })(PlainAsync), // legacy factory
      exposeSync()(PlainAsync, standardContext('class', 'PlainAsync')), // standard factory
    ];
    for (const Exposed of forms) {
      expect(Object.getPrototypeOf(Exposed)).toBe(PlainAsync);
      expect(Object.hasOwn(Exposed.prototype, 'getSync')).toBe(true);
    }
  });

  it('refuses members: a legacy (target, key, descriptor) call and a standard method context', () => {
    const descriptor = Object.getOwnPropertyDescriptor(PlainAsync.prototype, 'aget')!;
    expect(() => (exposeSync as Function)(PlainAsync.prototype, 'aget', descriptor)).toThrow(
      new DecorationError(
        'exposeSync decorates classes, not members: put it on the class, or call exposeSync(Class, options).',
      ),
    );
    expect(() => (exposeSync as Function)(PlainAsync.prototype.aget, standardContext('method', 'aget'))).toThrow(
      new DecorationError('exposeSync decorates classes, not a method: put it on the class.'),
    );
    expect(() => (exposeSync as Function)(42)).not.toThrow(); // a factory call with bad options fails when applied:
    expect(() => (exposeSync as Function)(42)(PlainAsync)).toThrow(/options must be an object; got 42\./);
  });

  it('keeps desync the core function for functions, and the class decorator for an ES class (desync-decorator.test.ts)', async () => {
    await expect(desync(() => 5)).resolves.toBe(5);
    await expect(desync((options: { a: number }) => options.a, { a: 7 })).resolves.toBe(7);
    const Decorated = desync(PlainAsync);
    expect(Decorated).not.toBeInstanceOf(Promise);
    expect(Object.getPrototypeOf(Decorated)).toBe(PlainAsync);
  });
});

describe('exposeAsync', () => {
  class Calculator {
    calls: string[] = [];
    addSync(x: number, y: number): number {
      this.calls.push('add');
      return x + y;
    }
    divide(x: number, y: number): number {
      if (y === 0) throw new RangeError('division by zero');
      return x / y;
    }
    async aready(): Promise<boolean> {
      return true;
    }
  }
  const AsyncCalculator = exposeAsync(Calculator);

  it('runs the sync method on a later turn and resolves with its result', async () => {
    const calculator = new AsyncCalculator();
    const pending = calculator.aadd(2, 3);
    expect(pending).toBeInstanceOf(Promise);
    expect(calculator.calls).toEqual([]); // not inside the call
    await expect(pending).resolves.toBe(5);
    expect(calculator.calls).toEqual(['add']);
  });

  it('turns a throw into the rejection, and a missing receiver too', async () => {
    const calculator = new AsyncCalculator();
    await expect(calculator.adivide(1, 0)).rejects.toThrow(new RangeError('division by zero'));
    const { adivide } = calculator;
    await expect(adivide(1, 2)).rejects.toThrow(TypeError);
  });

  it('makes coroutine functions, recorded as made by asynchro', () => {
    expect(coroutineReason(AsyncCalculator.prototype.aadd)).toBe('asynchro');
    expect(Object.getOwnPropertyNames(AsyncCalculator.prototype).sort()).toEqual(['aadd', 'adivide', 'constructor']);
  });

  it('gives a class both directions without looping', () => {
    const Both = exposeSync(exposeAsync(Calculator));
    expect(Object.getOwnPropertyNames(Both.prototype).sort()).toEqual(['constructor', 'readySync']);
    expect(describeVariants(Both).map(({ method, direction, outcome }) => `${direction}:${method}:${outcome}`)).toEqual(
      [
        'sync:aready:generated', // the generated aadd / adivide are counterparts, not candidates
        'async:addSync:generated',
        'async:divide:generated',
      ],
    );
  });
});

describe('@coroutine', () => {
  it('marks the method, the extracted function and bound functions, in both flavours', () => {
    class Legacy {
      fetch(): Promise<number> {
        return Promise.resolve(1);
      }
    }
    const descriptor = Object.getOwnPropertyDescriptor(Legacy.prototype, 'fetch')!;
    expect(coroutine(Legacy.prototype, 'fetch', descriptor)).toBe(descriptor);
    const legacy = new Legacy();
    expect(isReallyCoroutineFunction(legacy, 'fetch')).toBe(true);
    expect(isReallyCoroutineFunction(legacy.fetch)).toBe(true);
    expect(isReallyCoroutineFunction(legacy.fetch.bind(legacy))).toBe(true);
    expect(isReallyCoroutineFunction(legacy.fetch.bind(legacy).bind(null))).toBe(true);
    expect(legacy.fetch.bind({ fetch: 0 })).not.toBe(legacy.fetch);

    const metadata: Record<PropertyKey, unknown> = {};
    const method = function standard(this: { n: number }): Promise<number> {
      return Promise.resolve(this.n);
    };
    expect(coroutine(method, standardContext('method', 'standard', metadata))).toBe(method);
    expect(metadata[COROUTINE_KEY]).toEqual({ standard: 'marked' });
    expect(isReallyCoroutineFunction(method.bind({ n: 1 }))).toBe(true);

    const plain = coroutine(() => Promise.resolve(3));
    expect(coroutineReason(plain)).toBe('marked');
  });

  it('is found through standard metadata even when another decorator replaced the function', () => {
    const metadata: Record<PropertyKey, unknown> = {};
    class Wrapped {
      get(): Promise<number> {
        return Promise.resolve(1);
      }
    }
    coroutine(function original() {}, standardContext('method', 'get', metadata));
    const Exposed = exposeSync(Wrapped, standardContext('class', 'Wrapped', metadata)) as typeof Wrapped;
    expect(Object.hasOwn(Exposed.prototype, 'getSync')).toBe(true);
    expect(isReallyCoroutineFunction(new Exposed(), 'get')).toBe(true); // recorded on the decorated class
  });

  it('refuses what is not a method', () => {
    expect(() => (coroutine as Function)({}, 'value', { get() {} })).toThrow(
      new DecorationError('@coroutine decorates methods, not accessors or fields: put it on a method.'),
    );
    expect(() => (coroutine as Function)(() => {}, standardContext('getter', 'x'))).toThrow(
      new DecorationError('@coroutine decorates methods, not a getter: put it on a method.'),
    );
    expect(() => (asyncName('x') as Function)(() => {})).toThrow(/@asyncName decorates methods/);
  });
});

describe('describeVariants and per-method metadata', () => {
  it('reads the same for the class and an instance, and nothing for an undecorated class', () => {
    const Service = exposeSync(ServiceAsync, { statics: true });
    const records = describeVariants(Service);
    expect(records).toEqual([
      {
        className: 'ServiceAsync',
        method: 'aload',
        static: false,
        direction: 'sync',
        variant: 'loadSync',
        outcome: 'generated',
        reason: 'native',
      },
      {
        className: 'ServiceAsync',
        method: 'acreate',
        static: true,
        direction: 'sync',
        variant: 'createSync',
        outcome: 'generated',
        reason: 'native',
      },
    ]);
    const service = new Service('eu');
    expect(describeVariants(service)).toEqual(records);
    expect(describeVariants(ServiceAsync)).toEqual([]);
    expect(Reflect.getMetadata(VARIANT_KEY, service, 'aload')).toEqual(records[0]);
    expect(Reflect.getMetadata(VARIANT_KEY, Service, 'acreate')).toEqual(records[1]);
    expect(Reflect.getOwnMetadata(VARIANTS_KEY, Service)).toEqual(records);
    expect(isReallyCoroutineFunction(service, 'aload')).toBe(true);
    // The reason is in the record; asynchro-bridge:coroutine is added only where the function alone would not tell.
    expect(Reflect.getMetadata(COROUTINE_KEY, service, 'aload')).toBeUndefined();
    expect(Object.isFrozen(records[0])).toBe(true);
  });
});

describe('Symbol.metadata', () => {
  it('exists after importing asynchro, as the shared registered symbol where Node lacks it', () => {
    const symbol = (Symbol as unknown as { metadata: unknown }).metadata;
    expect(typeof symbol).toBe('symbol');
    expect(symbol).toBe(Symbol.for('Symbol.metadata')); // Node 20 has no native one
  });
});
