import { describe, expect, it } from 'vitest';
import { desync, desynced, isReallyCoroutineFunction, synced } from '../src/index.js';
import { markCoroutine } from '../src/subpaths/introspection.js';

/** Lets every queued microtask run (a few rounds), but no macrotask. */
async function drainMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('desync', () => {
  it('calls a coroutine function at once and awaits it', async () => {
    let started = false;
    const pending = desync(async (x: number) => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return x * 2;
    }, 21);
    expect(started).toBe(true);
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toBe(42);
  });

  it('does not run a sync function inside the call, nor in the microtasks after it, but on a later turn', async () => {
    const order: string[] = [];
    const pending = desync((x: number) => {
      order.push('fn');
      return x + 1;
    }, 1);
    order.push('after call');
    await drainMicrotasks();
    order.push('after microtasks');
    await expect(pending).resolves.toBe(2);
    expect(order).toEqual(['after call', 'after microtasks', 'fn']);
  });

  it('awaits an awaitable a sync function returns after all', async () => {
    await expect(desync(() => Promise.resolve('promise'))).resolves.toBe('promise');
    const thenable = { then: (resolve: (value: string) => void) => resolve('thenable') };
    await expect(desync(() => thenable)).resolves.toBe('thenable');
  });

  it('turns a throw into a rejection with the same reason, falsy ones included', async () => {
    const error = new TypeError('bad input');
    let thrownSynchronously = false;
    let pending: Promise<unknown> | undefined;
    try {
      pending = desync(() => {
        throw error;
      });
    } catch {
      thrownSynchronously = true;
    }
    expect(thrownSynchronously).toBe(false);
    await expect(pending).rejects.toBe(error);

    await expect(
      desync(() => {
        throw 0; // eslint-disable-line no-throw-literal
      }),
    ).rejects.toBe(0);
    await expect(desync(() => Promise.reject(undefined))).rejects.toBeUndefined();
    await expect(desync(async () => Promise.reject(0))).rejects.toBe(0);
  });

  it('a coroutine-marked function that throws before returning its promise also rejects', async () => {
    const error = new Error('early');
    const marked = markCoroutine((): Promise<never> => {
      throw error;
    });
    await expect(desync(marked)).rejects.toBe(error);
  });
});

describe('synced and desynced', () => {
  function fetchUser(this: { prefix: string } | void, id: number, verbose?: boolean): string {
    return `${this?.prefix ?? ''}user ${id}${verbose ? ' (verbose)' : ''}`;
  }

  it('keep name and length', () => {
    for (const made of [synced(fetchUser), desynced(fetchUser)]) {
      expect(made.name).toBe('fetchUser');
      expect(made.length).toBe(2);
    }
    expect(
      synced(async function loadAll(a: number, b: number, c: number) {
        return a + b + c;
      }).length,
    ).toBe(3);
  });

  it('pass `this` through, so they serve as methods', async () => {
    const client = { prefix: 'acme ', fetchSync: synced(fetchUser), fetchAsync: desynced(fetchUser) };
    expect(client.fetchSync(7)).toBe('acme user 7'); // a plain result needs no pumping, even in a microtask
    await expect(client.fetchAsync(8, true)).resolves.toBe('acme user 8 (verbose)');
  });

  it('are judged correctly by isReallyCoroutineFunction', () => {
    expect(isReallyCoroutineFunction(desynced(fetchUser))).toBe(true);
    expect(isReallyCoroutineFunction(synced(fetchUser))).toBe(false);
    expect(isReallyCoroutineFunction(synced(async () => 1))).toBe(false);
    expect(isReallyCoroutineFunction(desynced(synced(async () => 1)))).toBe(true);
  });

  it('do not call the function when made', () => {
    let calls = 0;
    const count = (): number => ++calls;
    synced(count);
    desynced(count);
    expect(calls).toBe(0);
  });
});
