// Work that settles in microtasks only: the bridge's own overhead dominates here.
import { pumpCases } from '../lib/pump-cases.mjs';
import { TIGHT_TARGET } from '../lib/precision.mjs';

const addOne = async (x) => x + 1;

export default pumpCases('microtask-only work', {
  work: addOne,
  maxVsAwait: 1.5,
  maxVsDeasync: 1.05,
  floors: true,
  sampling: TIGHT_TARGET,
});
