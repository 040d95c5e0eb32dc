// Relocatable targets for the worker benchmarks (imported inside asynchro's worker thread).
export async function addOne(x) {
  return x + 1;
}

/** Returns its argument: the payload goes to the worker and back. */
export function echo(value) {
  return value;
}

/** Synchronous x + 1, for the offloading cases (workerDesynced runs sync work in the pool). */
export function addOneSync(x) {
  return x + 1;
}
