/**
 * The type of a `syncView`: each method returning `PromiseLike<R>` returns `R` instead, an async-iterable result
 * is also `Iterable` (plain `for...of`), and properties holding resources are views in turn. Up to 6 overloads per
 * method are kept (of more, the last 6); generic methods lose their type parameters (TypeScript cannot map them).
 */

/** What a method through the view returns for `R`: an async-iterable result is viewed, anything else as it is. */
export type SyncResult<R> = R extends AsyncIterable<unknown> ? SyncView<R> : R;

/** One signature made blocking: `PromiseLike<R>` becomes `R`, then `SyncResult`. */
type Blocking<A extends unknown[], R> = (...args: A) => SyncResult<R extends PromiseLike<unknown> ? Awaited<R> : R>;

/**
 * Up to six overloads: a function with fewer signatures also matches this pattern (TypeScript repeats one, and the
 * intersection folds the repeats), one with more gives its last six.
 */
type BlockingMethod<F> = F extends {
  (...args: infer A1): infer R1;
  (...args: infer A2): infer R2;
  (...args: infer A3): infer R3;
  (...args: infer A4): infer R4;
  (...args: infer A5): infer R5;
  (...args: infer A6): infer R6;
}
  ? Blocking<A1, R1> & Blocking<A2, R2> & Blocking<A3, R3> & Blocking<A4, R4> & Blocking<A5, R5> & Blocking<A6, R6>
  : F extends (...args: infer A) => infer R
    ? Blocking<A, R>
    : F;

/** Values a view hands back as they are, though they have methods. */
type BuiltIn =
  | Date
  | RegExp
  | Error
  | Map<unknown, unknown>
  | Set<unknown>
  | WeakMap<object, unknown>
  | WeakSet<object>
  | PromiseLike<unknown>
  | ArrayBuffer
  | ArrayBufferView
  | AbortController
  | AbortSignal
  | readonly unknown[];

type ViewMember<V> = V extends (...args: never) => unknown
  ? BlockingMethod<V>
  : V extends BuiltIn
    ? V
    : V extends object
      ? SyncView<V>
      : V;

/** Members the runtime calls on its own (`await`, `JSON.stringify`, string conversion): the view does not block them. */
type PassedThrough = 'constructor' | 'then' | 'toJSON' | 'toString' | 'valueOf' | 'toLocaleString';

/**
 * A blocking view of `T` (see `syncView`). Symbol-keyed members and `PassedThrough` ones keep their types (the view
 * hands them out unchanged, bound to the real object); an async-iterable `T` is also `Iterable` of the same items.
 */
export type SyncView<T> = {
  [K in keyof T]: K extends symbol | PassedThrough ? T[K] : ViewMember<T[K]>;
} & (T extends AsyncIterable<infer Item> ? Iterable<Item> : unknown);
