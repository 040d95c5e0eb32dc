// Relocatable targets for the worker benchmarks (imported inside asynchro's worker thread).
export async function addOne(x) {
  return x + 1;
}
