import { functionName } from '../strategies/call-label.js';

/** Gives `wrapper` the `name` and `length` of `original`; one that cannot be read stays the wrapper's own. */
export function keepShape<F extends Function>(wrapper: F, original: Function, name = functionName(original)): F {
  if (name !== undefined) Object.defineProperty(wrapper, 'name', { value: name, configurable: true });
  let length: unknown;
  try {
    length = original.length;
  } catch {}
  if (typeof length === 'number') Object.defineProperty(wrapper, 'length', { value: length, configurable: true });
  return wrapper;
}
