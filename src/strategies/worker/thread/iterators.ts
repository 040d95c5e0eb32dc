/**
 * Async iterables, on the worker thread: one cannot cross, so its iterator is kept here under a number that the
 * caller's blocking calls step.
 */
import type { TargetSpec } from '../wire/protocol.js';

/** Async iterators that calls returned (an async generator, a stream), kept here; the caller steps them by number. */
const iterators = new Map<number, AsyncIterator<unknown>>();
let nextIterator = 1;

/** What a call that returned an async iterable replies: the number its iterator is kept under. */
export class KeptIterator {
  constructor(readonly id: number) {}
}

/** A result that is an async iterable and not a promise cannot cross: its iterator stays here. */
export function keepIterable(result: unknown): unknown {
  if (isThenable(result) || typeof (result as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] !== 'function')
    return result;
  const id = nextIterator++;
  iterators.set(id, (result as AsyncIterable<unknown>)[Symbol.asyncIterator]());
  return new KeptIterator(id);
}

/** One `next` / `return` / `throw` on a kept iterator; it is dropped once done, returned or failed. */
export function stepIterator({ id, op }: NonNullable<TargetSpec['iterator']>, args: unknown[]): Promise<unknown> {
  const iterator = iterators.get(id);
  if (!iterator) {
    const error = new Error(
      'asynchro-bridge: the iterator is gone from the worker thread: the worker was restarted (after a timeout or a crash) ' +
        'since the call that returned it. Call the method again for a new iterator.',
    );
    return Promise.reject(error);
  }
  const step = iterator[op] as ((...args: unknown[]) => PromiseLike<IteratorResult<unknown>>) | undefined;
  if (typeof step !== 'function') {
    iterators.delete(id);
    return op === 'throw' ? Promise.reject(args[0]) : Promise.resolve({ done: true, value: args[0] });
  }
  return Promise.resolve()
    .then(() => Reflect.apply(step, iterator, args))
    .then(
      (result) => {
        if (result.done || op !== 'next') iterators.delete(id);
        return { done: Boolean(result.done), value: result.value };
      },
      (error: unknown) => {
        iterators.delete(id);
        throw error;
      },
    );
}

export const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';
