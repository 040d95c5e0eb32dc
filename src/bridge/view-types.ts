/**
 * The type of a `syncView`. Generic methods lose their type parameters: TypeScript cannot map them.
 */

/** What a method through the view returns for `R`: an async-iterable result is viewed. */
export type SyncResult<R> = R extends AsyncIterable<unknown> ? SyncView<R> : R;

/** One signature made blocking: `PromiseLike<R>` becomes `R`, then `SyncResult`. */
type Blocking<A extends unknown[], R> = (...args: A) => SyncResult<R extends PromiseLike<unknown> ? Awaited<R> : R>;

/** Up to six overloads: fewer also match (TypeScript repeats one, the intersection folds it); of more, the last six. */
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
 * A blocking view of `T`: methods returning `PromiseLike<R>` return `R`, resources are views in turn, an
 * async-iterable `T` is also `Iterable`.
 */
export type SyncView<T> = {
  [K in keyof T]: K extends symbol | PassedThrough ? T[K] : ViewMember<T[K]>;
} & (T extends AsyncIterable<infer Item> ? Iterable<Item> : unknown);
