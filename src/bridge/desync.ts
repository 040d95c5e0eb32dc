import { isReallyCoroutineFunction, markWrapper, recordCoroutine } from '../metadata/coroutine.js';
import { keepShape } from './shape.js';

/**
 * Runs `fn(...args)` asynchronously and returns a promise of its result. A coroutine function is called and
 * awaited. Any other function runs on a later turn of the event loop (never inside this call); if it returns an
 * awaitable after all, that is awaited too. A throw becomes the rejection.
 */
export function desync<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
  return callDesync(fn, undefined, args);
}

/** Makes an async version of `fn` without calling it; `this`, `name` and `length` are kept. */
export function desynced<A extends unknown[], R, This = unknown>(
  fn: (this: This, ...args: A) => R,
): (this: This, ...args: A) => Promise<Awaited<R>> {
  const deferred = function (this: This, ...args: A): Promise<Awaited<R>> {
    return callDesync(fn, this, args);
  };
  recordCoroutine(deferred, 'asynchro');
  markWrapper(deferred, fn);
  return keepShape(deferred, fn);
}

export function callDesync<A extends unknown[], R>(fn: (...args: A) => R, thisArg: unknown, args: A): Promise<Awaited<R>> {
  if (isReallyCoroutineFunction(fn)) {
    try {
      return Promise.resolve(Reflect.apply(fn, thisArg, args) as Awaited<R>);
    } catch (error) {
      return Promise.reject(error); // a coroutine-marked function that throws before returning its promise
    }
  }
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
