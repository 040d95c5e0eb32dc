import { desyncChannel, type DesyncCallContext } from '../instrumentation/channels.js';
import { isReallyCoroutineFunction, markWrapper, recordCoroutine } from '../metadata/coroutine.js';
import type { CallSite } from '../strategies/relocation.js';
import { keepShape } from './shape.js';

const DESYNC_SITE: CallSite = Object.freeze({ verb: 'desync' });

/**
 * Runs `fn(...args)` asynchronously and returns a promise of its result. A coroutine function is called and
 * awaited. Any other function runs on a later turn of the event loop (never inside this call); if it returns an
 * awaitable after all, that is awaited too. A throw becomes the rejection.
 */
export function desync<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
  return callDesync(fn, undefined, args, DESYNC_SITE);
}

/** Makes an async version of `fn` without calling it; `this`, `name` and `length` are kept. */
export function desynced<A extends unknown[], R, This = unknown>(
  fn: (this: This, ...args: A) => R,
): (this: This, ...args: A) => Promise<Awaited<R>> {
  const deferred = function (this: This, ...args: A): Promise<Awaited<R>> {
    return callDesync(fn, this, args, DESYNC_SITE);
  };
  recordCoroutine(deferred, 'asynchro');
  markWrapper(deferred, fn);
  return keepShape(deferred, fn);
}

/** The one path every async variant takes: tracing, then `runDesync`. */
export function callDesync<A extends unknown[], R>(
  fn: (...args: A) => R,
  thisArg: unknown,
  args: A,
  site: CallSite = DESYNC_SITE,
): Promise<Awaited<R>> {
  if (!desyncChannel.hasSubscribers) return runDesync(fn, thisArg, args, undefined);
  const trace: DesyncCallContext = { name: site.name ?? fn.name, className: site.className, verb: site.verb, strategy: undefined };
  return desyncChannel.tracePromise(runDesync<A, R>, trace, undefined, fn, thisArg, args, trace);
}

function runDesync<A extends unknown[], R>(fn: (...args: A) => R, thisArg: unknown, args: A, trace: DesyncCallContext | undefined): Promise<Awaited<R>> {
  if (isReallyCoroutineFunction(fn)) {
    if (trace) trace.strategy = 'coroutine';
    try {
      return Promise.resolve(Reflect.apply(fn, thisArg, args) as Awaited<R>);
    } catch (error) {
      return Promise.reject(error); // a coroutine-marked function that throws before returning its promise
    }
  }
  if (trace) trace.strategy = 'deferred';
  return new Promise<Awaited<R>>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(Reflect.apply(fn, thisArg, args) as Awaited<R>);
      } catch (error) {
        reject(error);
      }
    });
  });
}
