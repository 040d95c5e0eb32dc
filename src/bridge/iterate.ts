/**
 * Blocking iteration: a sync iterator whose `next()` blocks on an async iterator's, stepped here or, for a relocated
 * call, kept by the worker.
 */
import type { CallSite, IteratorStep, Relocation } from '../strategies/relocation.js';
import { WorkerIterator } from '../strategies/worker/index.js';
import { callOptions, type CallOptions } from '../options.js';
import { thenOf } from './awaitable.js';
import { callSync } from './sync.js';

/** A method's result that is an async iterable and not a promise, carried through `callSync` unchanged. */
export class LocalIterable {
  constructor(readonly source: AsyncIterable<unknown>) {}
}

/** A thenable whose `then` was read already, so the source's `then` getter runs once. */
class ReadThenable {
  constructor(
    private readonly source: unknown,
    private readonly sourceThen: Function,
  ) {}
  then(onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown): unknown {
    return Reflect.apply(this.sourceThen, this.source, [onFulfilled, onRejected]);
  }
}

/** Wraps `result` in a `LocalIterable` when it is an async iterable that is not also a promise (a PagePromise is). */
export function boxIterable(result: unknown): unknown {
  const then = thenOf(result);
  if (then) return then === Promise.prototype.then ? result : new ReadThenable(result, then);
  try {
    return typeof (result as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function'
      ? new LocalIterable(result as AsyncIterable<unknown>)
      : result;
  } catch {
    return result; // a getter that throws: not an async iterable
  }
}

/** A blocking sync iterable for an async iterable `result`, else the result. */
export function iterableOf(result: unknown, options: CallOptions, site: CallSite): unknown {
  if (result instanceof LocalIterable) return localIterable(result.source, options, site);
  if (result instanceof WorkerIterator) return workerIterable(result, options, site);
  return result;
}

type Step = (op: IteratorStep, arg: unknown) => IteratorResult<unknown>;

/** The sync iterator over `step`: after it is done (or returned, or an error came), it only says done. */
function syncIterator(step: Step): IterableIterator<unknown> {
  let finished = false;
  const run = (op: IteratorStep, arg: unknown): IteratorResult<unknown> => {
    if (finished) {
      if (op === 'throw') throw arg;
      return { done: true, value: op === 'return' ? arg : undefined };
    }
    try {
      const result = step(op, arg);
      if (result.done || op !== 'next') finished = true;
      return result;
    } catch (error) {
      finished = true; // an async generator that threw is finished too
      throw error;
    }
  };
  return {
    [Symbol.iterator]() {
      return this;
    },
    next: (arg?: unknown) => run('next', arg),
    return: (arg?: unknown) => run('return', arg),
    throw: (error?: unknown) => run('throw', error),
  };
}

function stepSite(site: CallSite, op: IteratorStep): CallSite {
  return {
    verb: site.verb,
    name: `${site.name ?? site.verb}.${op}`,
    className: site.className,
    coroutine: true,
    relocation: undefined,
  };
}

function localIterable(
  source: AsyncIterable<unknown>,
  options: CallOptions,
  site: CallSite,
): IterableIterator<unknown> {
  const iterator = source[Symbol.asyncIterator]();
  const sites = { next: stepSite(site, 'next'), return: stepSite(site, 'return'), throw: stepSite(site, 'throw') };
  const local = options.strategy === 'worker' ? callOptions(options, 'pump') : options; // it lives here
  return syncIterator((op, arg) => {
    const step = iterator[op] as ((...args: unknown[]) => PromiseLike<IteratorResult<unknown>>) | undefined;
    if (typeof step !== 'function') {
      if (op === 'throw') throw arg;
      return { done: true, value: arg };
    }
    return callSync(step, iterator, arg === undefined ? [] : [arg], local, sites[op]) as IteratorResult<unknown>;
  });
}

function workerIterable(kept: WorkerIterator, options: CallOptions, site: CallSite): IterableIterator<unknown> {
  const inWorker = callOptions(options, 'worker'); // it lives there, whatever the context now
  const stepOf = (op: IteratorStep): CallSite => {
    const relocation: Relocation = { ...kept.opened, iterator: { id: kept.id, op } };
    return { ...stepSite(site, op), relocation: () => relocation };
  };
  const sites = { next: stepOf('next'), return: stepOf('return'), throw: stepOf('throw') };
  const target = function step(..._args: unknown[]): unknown {
    return undefined; // never called: the site's relocation sends every step to the worker
  };
  return syncIterator(
    (op, arg) =>
      callSync(
        target,
        undefined,
        arg === undefined ? [] : [arg],
        inWorker,
        sites[op],
      ) as unknown as IteratorResult<unknown>,
  );
}
