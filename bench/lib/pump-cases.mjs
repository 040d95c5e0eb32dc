// The pump comparison for one workload: `sync` against native `await` and raw deasync `loopWhile`, each doing
// the same calls of the same async function, in two calling patterns:
//  - tight loop: n calls back to back in one macrotask (sync's microtask-probe cache stays warm);
//  - fresh setImmediate per call: every call is the first of its synchronous stretch, so sync probes each time.
//    All three pay the same setImmediate hop per call.
import { createRequire } from 'node:module';
import deasync from 'deasync';
import { sync } from 'asynchro-bridge';
import { blockWithDeasync } from './raw-deasync.mjs';

const AWAIT = 'native await';
const DEASYNC = 'deasync loopWhile';
const RUN_LOOP_ONCE = 'deasync runLoopOnce';
const ENGINE_RUN_LOOP_ONCE = 'engine runLoopOnce';
const TICK_ALONE = 'process._tickCallback() alone';
const SYNC = 'sync';

/** The function deasync calls, without DEP0134's warning wrapper if --pending-deprecation installed one. */
const exposedTick = process._tickCallback;
const tickCallback =
  Object.getPrototypeOf(exposedTick) !== Function.prototype ? Object.getPrototypeOf(exposedTick) : exposedTick;

/** asynchro's pump engine (native/pump.c), the prebuilt `sync` loads: `run()` is one `uv_run(UV_RUN_ONCE)`. */
const engine = createRequire(import.meta.url)(`../../prebuilds/${process.platform}-${process.arch}/pump.node`);

/**
 * @param {string} workload  what the async function does (the group label)
 * @param {{ work: (i: number) => Promise<unknown>, setup?: () => unknown, teardown?: () => unknown,
 *           maxVsAwait: number, maxVsDeasync?: number, floors?: boolean, warmupMs?: number, sampling?: object,
 *           sync?: typeof sync }} spec
 *   `floors` adds the cheapest pumps that can serve the work: deasync's `runLoopOnce` in a hand-written loop
 *   (one drain and one `uv_run` per turn, no predicate), the same loop on asynchro's engine (its `run()` in place of
 *   deasync's binding, so the two rows compare the native calls alone), and in a tight loop `process._tickCallback()` alone
 *   with no work at all (the drain every pump has to make: no pump can be cheaper).
 *   `sampling` is spread into every case (TIGHT_TARGET from precision.mjs, for a target within a few percent).
 *   `sync` defaults to asynchro's; pass a prototype build's to compare it (see bench/README.md).
 */
export function pumpCases(
  workload,
  { work, setup, teardown, maxVsAwait, maxVsDeasync = 1.1, floors = false, warmupMs, sampling, sync: blockOn = sync },
) {
  const viaDeasync = blockWithDeasync(work);
  const viaRunLoopOnce = (i) => {
    let done = false;
    let value;
    work(i).then((result) => {
      value = result;
      done = true;
    });
    while (!done) deasync.runLoopOnce();
    return value;
  };
  const viaEngine = (i) => {
    let done = false;
    let value;
    work(i).then((result) => {
      value = result;
      done = true;
    });
    while (!done) {
      process._tickCallback(); // as deasync's runLoopOnce does
      engine.run();
    }
    return value;
  };
  const targets = [
    { vs: AWAIT, max: maxVsAwait },
    { vs: DEASYNC, max: maxVsDeasync },
  ];
  const engineTargets = [{ vs: RUN_LOOP_ONCE, max: 1.05 }]; // the engine costs no more than deasync's binding

  // Results are kept so no call can be optimised away; every variant keeps them the same way.
  let kept;
  const tight = {
    [AWAIT]: async (n) => {
      for (let i = 0; i < n; i++) kept = await work(i);
    },
    [DEASYNC]: (n) => {
      for (let i = 0; i < n; i++) kept = viaDeasync(i);
    },
    [RUN_LOOP_ONCE]: (n) => {
      for (let i = 0; i < n; i++) kept = viaRunLoopOnce(i);
    },
    [ENGINE_RUN_LOOP_ONCE]: (n) => {
      for (let i = 0; i < n; i++) kept = viaEngine(i);
    },
    [TICK_ALONE]: (n) => {
      for (let i = 0; i < n; i++) tickCallback.call(process);
      kept = n;
    },
    [SYNC]: (n) => {
      for (let i = 0; i < n; i++) kept = blockOn(work, i);
    },
  };
  const fresh = {
    [AWAIT]: (n) =>
      new Promise((resolve, reject) => {
        let i = 0;
        const step = async () => {
          kept = await work(i);
          if (++i < n) setImmediate(stepOrFail);
          else resolve();
        };
        const stepOrFail = () => step().catch(reject);
        setImmediate(stepOrFail);
      }),
    [DEASYNC]: (n) => eachInFreshImmediate(n, (i) => (kept = viaDeasync(i))),
    [RUN_LOOP_ONCE]: (n) => eachInFreshImmediate(n, (i) => (kept = viaRunLoopOnce(i))),
    [ENGINE_RUN_LOOP_ONCE]: (n) => eachInFreshImmediate(n, (i) => (kept = viaEngine(i))),
    [SYNC]: (n) => eachInFreshImmediate(n, (i) => (kept = blockOn(work, i))),
  };

  const extra = floors ? [RUN_LOOP_ONCE, ENGINE_RUN_LOOP_ONCE] : [];
  const variants = (pattern, runs) =>
    [AWAIT, DEASYNC, ...extra, ...(floors && runs === tight ? [TICK_ALONE] : []), SYNC].map((name) => ({
      group: `${workload} · ${pattern}`,
      name,
      baseline: name === AWAIT,
      targets: name === SYNC ? targets : name === ENGINE_RUN_LOOP_ONCE ? engineTargets : undefined,
      setup,
      teardown,
      warmupMs,
      ...sampling,
      run: runs[name],
    }));
  return [...variants('tight loop', tight), ...variants('fresh setImmediate per call', fresh)];
}

/** Calls `call(i)` for i < n, each from its own setImmediate callback; resolves after the last. */
function eachInFreshImmediate(n, call) {
  return new Promise((resolve, reject) => {
    let i = 0;
    const step = () => {
      try {
        call(i);
      } catch (error) {
        return reject(error);
      }
      if (++i < n) setImmediate(step);
      else resolve();
    };
    setImmediate(step);
  });
}
