/**
 * Every refusal's advice works when followed: test/fixtures/advice/contexts.cjs makes each refused call where it
 * really happens (a microtask, a timer callback during a blocking call, a thread-pool callback, strategy 'worker' for
 * a closure, a timeout, re-entrancy under 'throw', a decoration whose variant names collide), then follows each piece of the message's advice literally and
 * records what the call gives. The advice of the worker-path errors is tested beside them: divergence.test.ts,
 * recursion.test.ts, resource-errors.test.ts; the later-immediate refusal's in hostile/immediate-turn.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, repoRoot, runNode } from './helpers/child.js';

type Outcome = { value: unknown } | { error: string };

describe('the advice of each refusal, followed', () => {
  it('makes the refused call work', async () => {
    const child = await runNode([join(repoRoot, 'test', 'fixtures', 'advice', 'contexts.cjs')], { watchdogMs: 30_000 });
    const outcomes = lastJson<Record<string, Outcome>>(child);
    const refused = Object.fromEntries(
      Object.entries(outcomes)
        .filter(([label]) => label.endsWith(': refused'))
        .map(([label, outcome]) => [label, 'error' in outcome ? outcome.error.split(':')[0] : 'not refused']),
    );
    expect(refused).toEqual({
      'microtask: refused': 'SyncContextError',
      'nested in a timer callback: refused': 'SyncContextError',
      'thread-pool callback: refused': 'SyncContextError',
      "strategy 'worker' for a closure: refused": 'SyncContextError',
      'timeout: refused': 'SyncTimeoutError',
      'reentrancy: refused': 'ReentrancyError',
      're-entered instance: refused': 'ReentrancyError',
      'decorator: two methods, one variant: refused': 'DecorationError',
      'decorator: variant name taken by an accessor: refused': 'DecorationError',
    });
    const followed = Object.fromEntries(Object.entries(outcomes).filter(([label]) => !label.endsWith(': refused')));
    const onThisThread = { value: expect.objectContaining({ thread: 0 }) };
    const onAWorker = { value: expect.objectContaining({ thread: expect.any(Number) }) };
    expect(followed).toEqual({
      'microtask: await the async function': onThisThread,
      'microtask: call from a setImmediate callback': onThisThread,
      'microtask: call from CommonJS': onThisThread,
      'microtask: make the target relocatable': onAWorker,
      'nested in a timer callback: from a setImmediate callback': onThisThread,
      'thread-pool callback: from a setImmediate callback': onThisThread,
      "strategy 'worker' for a closure: workerSynced(module, exportName)": onAWorker,
      "strategy 'worker' for a closure: the class option module": onAWorker,
      'decorator: two methods, one variant: rename one': { value: ['getUserSync', 'getUserDirectlySync'] },
      'decorator: variant name taken by an accessor: rename the variant': { value: ['fetchUserSync'] },
      'timeout: raise timeout': { value: 'slow' },
      "reentrancy: set reentrancy: 'allow' on the outer call": onThisThread,
      're-entered instance: after the blocked call has returned': { value: 'fast' },
      're-entered instance: the async method in the callback': { value: 'fast' },
    });
    expect(
      (followed['microtask: make the target relocatable'] as { value: { thread: number } }).value.thread,
    ).toBeGreaterThan(0);
  });
});
