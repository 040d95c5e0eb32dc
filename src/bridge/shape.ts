/** Gives `wrapper` the `name` and `length` of `original`, so stack traces, docs and arity checks stay true. */
export function keepShape<F extends Function>(wrapper: F, original: Function, name: string = original.name): F {
  Object.defineProperty(wrapper, 'name', { value: name, configurable: true });
  Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  return wrapper;
}
