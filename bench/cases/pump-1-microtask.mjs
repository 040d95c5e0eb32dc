// Work that settles in microtasks only: the bridge's own overhead dominates here.
import { pumpCases } from '../lib/pump-cases.mjs';
import { EXTRA_PROCESSES_FOR_TIGHT_TARGETS } from '../lib/precision.mjs';

const addOne = async (x) => x + 1;

export default pumpCases('microtask-only work', {
  work: addOne,
  maxVsAwait: 1.5,
  maxVsDeasync: 1.05,
  floors: true,
  extraProcesses: EXTRA_PROCESSES_FOR_TIGHT_TARGETS,
});
