/**
 * The `transfer` option, on both threads: which ArrayBuffers a call moves to the worker (or a reply moves back)
 * instead of copying.
 */

/** How many values to look at: finding buffers must stay cheap next to the clone it saves. */
const MAX_VISITS = 1000;

/**
 * The ArrayBuffers under `values`, and those views cover whole: a view over part of one (a small Node Buffer in its
 * pool) is copied, since moving it would detach data it does not own.
 */
export function transferablesIn(values: readonly unknown[]): ArrayBuffer[] {
  if (values.length === 1) {
    // The common case, one buffer or view (or a primitive), without the walk's sets.
    const [only] = values;
    if (only === null || typeof only !== 'object') return [];
    if (only instanceof ArrayBuffer) return only.byteLength > 0 ? [only] : [];
    if (ArrayBuffer.isView(only)) {
      const { buffer } = only;
      return buffer instanceof ArrayBuffer && buffer.byteLength > 0 && covers(only, buffer) ? [buffer] : [];
    }
  }
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const stack: unknown[] = [...values];
  while (stack.length > 0 && seen.size < MAX_VISITS) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof ArrayBuffer) {
      if (value.byteLength > 0) found.add(value);
    } else if (ArrayBuffer.isView(value)) {
      const { buffer } = value;
      if (buffer instanceof ArrayBuffer && buffer.byteLength > 0 && covers(value, buffer)) found.add(buffer);
    } else if (Array.isArray(value)) stack.push(...value);
    else if (Object.getPrototypeOf(value) === Object.prototype) stack.push(...Object.values(value));
  }
  return [...found];
}

function covers(view: ArrayBufferView, buffer: ArrayBuffer): boolean {
  return view.byteOffset === 0 && view.byteLength === buffer.byteLength;
}
