// A promise settled by setImmediate: one turn of the event loop per call.
import { pumpCases } from '../lib/pump-cases.mjs';
import { TIGHT_TARGET } from '../lib/precision.mjs';

const nextTurn = (x) => new Promise((resolve) => setImmediate(resolve, x + 1));

export default pumpCases('setImmediate', {
  work: nextTurn,
  maxVsAwait: 1.1,
  maxVsDeasync: 1.05,
  floors: true,
  sampling: TIGHT_TARGET,
});
