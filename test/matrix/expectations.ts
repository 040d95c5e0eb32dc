/**
 * What each strategy should do in each cell of the matrix: one table per strategy. Another strategy (say
 * 'worker' or 'auto') plugs in with its own `blockOn` (in test/fixtures/matrix/cells.mjs, under its name) and its
 * own table here, and runs the same suite.
 */
import { expect } from 'vitest';
import * as asynchro from '../../src/index.js';
import { pumpableContexts, threadPoolContexts, type ContextName } from './contexts.js';

export type WorkName =
  | 'microtasks'
  | 'immediate'
  | 'timer'
  | 'readText'
  | 'httpGet'
  | 'workerReply'
  | 'wasmCompile'
  | 'firstFetch'
  | 'rejectCustom'
  | 'rejectZero'
  | 'rejectUndefined'
  | 'never';

export interface MatrixStrategy {
  /**
   * Label for test names, and the key of the strategy's `blockOn` in test/fixtures/matrix/cells.mjs (how it blocks
   * on `works[name](...args)`), which the context scripts take as their argument.
   */
  name: 'pump' | 'worker' | 'auto' | 'hangs-on-timer';
  /** The outcome (or an `expect` matcher for it) of `work` called in `context`. */
  expected(context: ContextName, work: WorkName): unknown;
  /**
   * Whether the calls pump in `context`, so that the run's CPU time shows a spin. (A worker thread's start-up and
   * module loading count in the process's CPU time too, so runs that use the worker are not judged by it.)
   */
  pumps?(context: ContextName): boolean;
}

/** Outcomes when the work runs and the caller waits for it in the same thread. */
export const settledOutcomes: Record<Exclude<WorkName, 'never'>, unknown> = {
  microtasks: { status: 'fulfilled', value: 'microtasks: 3 awaits', started: true },
  immediate: { status: 'fulfilled', value: 'immediate', started: true },
  timer: { status: 'fulfilled', value: 'timer: 20 ms', started: true },
  readText: { status: 'fulfilled', value: 'hello from a file', started: true },
  httpGet: { status: 'fulfilled', value: '200 GET /matrix', started: true },
  workerReply: { status: 'fulfilled', value: 'echo: matrix', started: true },
  wasmCompile: { status: 'fulfilled', value: 'compiled: 0 exports', started: true },
  firstFetch: { status: 'fulfilled', value: '200 GET /fetch', started: true },
  rejectCustom: {
    status: 'rejected',
    type: 'object',
    className: 'WorkError',
    name: 'WorkError',
    message: 'the work failed',
    identical: true, // the very object the work threw
    isWorkError: true,
    isAsynchroError: false,
    code: 'E_WORK',
    cause: 'RangeError: root cause',
    started: true,
  },
  rejectZero: { status: 'rejected', type: 'number', value: 0, identical: true, started: true },
  rejectUndefined: { status: 'rejected', type: 'undefined', value: null, identical: true, started: true },
};

/** An asynchro error of class `className` for `sync(work)`, whose message contains each of `phrases`. */
export function asynchroError(className: string, work: WorkName, started: boolean, phrases: string[]): unknown {
  return {
    status: 'rejected',
    type: 'object',
    className,
    name: className,
    message: expect.stringMatching(new RegExp(phrases.map(escapeRegExp).join('[^]*'))),
    isWorkError: false,
    isAsynchroError: true,
    functionName: work,
    code: (asynchro as unknown as Record<string, typeof asynchro.AsynchroError>)[className]!.code,
    started,
  };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The loop pump: blocks where the loop can turn, refuses (without starting the work) inside a microtask. */
export const pumpStrategy: MatrixStrategy = {
  name: 'pump',
  expected(context, work) {
    if (threadPoolContexts.has(context)) {
      return asynchroError('SyncContextError', work, false, [
        `sync(${work}) cannot block here`,
        'thread-pool completion callback',
        'The work was not started.',
      ]);
    }
    if (!pumpableContexts.has(context)) {
      return asynchroError('SyncContextError', work, false, [
        `sync(${work}) cannot block here`,
        'The work was not started.',
      ]);
    }
    if (work === 'never') return asynchroError('DeadlockError', work, true, ['sync(never) can never finish']);
    return settledOutcomes[work];
  },
  pumps: (context) => pumpableContexts.has(context),
};
