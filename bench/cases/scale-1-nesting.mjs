// The per-call cost of `sync` on microtask-only work in a tight loop, made at nesting depth d: from a
// setImmediate callback that runs inside the pump of a blocking call, itself d - 1 levels deep. Target: flat (each
// depth within 5% of depth 0).
// Every row's process first makes the same calls at every depth of the group (`sameHistory`), so that the rows differ
// in depth only. Without it, V8 optimized each process's `sync` for the functions it had seen: depth 0's only ever
// blocked on `work`, which V8 then inlined, while the others also blocked on the nesting's own promises, so `work` was
// not inlined (--trace-turbo-inlining). That read as depth 5 costing 1.07-1.09x depth 0 (pinned, 6
// processes each, lowest of 10 repetitions), while alternating 20 ms stretches at depth 0 and at depth 5 in one process
// measured 1.013-1.017x (median of 60 pairs, four processes), as instructions do (1,453 against 1,474 a call).
import { pumpDepth } from 'asynchro-bridge/instrumentation';
import { sync } from 'asynchro-bridge';
import { TIGHT_TARGET } from '../lib/precision.mjs';

const work = async (x) => x + 1;
let kept;

/** Runs `body` at pump depth `depth`: each level blocks on a promise settled by a setImmediate that goes one deeper. */
function atDepth(depth, body) {
  if (depth === 0) return body();
  sync(
    () =>
      new Promise((resolve, reject) => {
        setImmediate(() => {
          try {
            resolve(atDepth(depth - 1, body));
          } catch (error) {
            reject(error);
          }
        });
      }),
  );
}

const GROUP = 'scale · nesting depth · sync on microtask work, tight loop';
const DEPTHS = [0, 1, 2, 5];

/** The same calls at every depth, from a setImmediate callback (setup runs after an `await`, in a microtask). */
const sameHistory = () =>
  new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        for (let round = 0; round < 20; round++)
          for (const depth of DEPTHS) atDepth(depth, () => (kept = sync(work, round)));
        resolve();
      } catch (error) {
        reject(error);
      }
    });
  });
const row = (depth) => ({
  group: GROUP,
  name: `depth ${depth}`,
  ...TIGHT_TARGET,
  baseline: depth === 0,
  targets: depth === 0 ? undefined : [{ vs: 'depth 0', max: 1.05 }],
  setup: sameHistory,
  run: (n) =>
    atDepth(depth, () => {
      if (pumpDepth() !== depth) throw new Error(`at depth ${pumpDepth()}, not ${depth}`);
      for (let i = 0; i < n; i++) kept = sync(work, i);
    }),
});

export default DEPTHS.map(row);
void kept;
