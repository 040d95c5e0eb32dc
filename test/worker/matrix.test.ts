/**
 * Issue 4 §8: the core context matrix again, with the worker strategy and with 'auto'. The works run in the worker
 * thread, so the caller's `started` set stays empty and a rejection comes back as a rebuilt error (same class name,
 * message, code and cause, but not the very object, nor an instance of the caller's WorkError class).
 */
import { pumpableContexts, type ContextName } from '../matrix/contexts.js';
import {
  asynchroError,
  pumpStrategy,
  settledOutcomes,
  type MatrixStrategy,
  type WorkName,
} from '../matrix/expectations.js';
import { describeContextMatrix } from '../matrix/suite.js';

function inWorker(verb: string, work: WorkName): unknown {
  if (work === 'never')
    return asynchroError('DeadlockError', work, false, [`${verb}(never) can never finish`, 'worker thread']);
  const outcome = { ...(settledOutcomes[work] as Record<string, unknown>), started: false };
  // `identical` compares with what the work threw in the caller's thread, where it did not run: the caller's
  // record is empty. The falsy reasons still arrive exactly: type 'number' with value 0, and type 'undefined'.
  if (work === 'rejectCustom') return { ...outcome, identical: undefined, isWorkError: false };
  if (work === 'rejectZero') return { ...outcome, identical: false };
  return outcome;
}

const workerStrategy: MatrixStrategy = {
  name: 'worker',
  expected: (_context: ContextName, work: WorkName) => inWorker('workerSynced', work),
};

const autoStrategy: MatrixStrategy = {
  name: 'auto',
  expected: (context: ContextName, work: WorkName) =>
    pumpableContexts.has(context) ? pumpStrategy.expected(context, work) : inWorker('sync', work),
  pumps: (context: ContextName) => pumpableContexts.has(context),
};

describeContextMatrix(workerStrategy);
describeContextMatrix(autoStrategy);
