// Issue 14: the per-call cost of `sync` on microtask-only work in a tight loop, made at nesting depth d: from a
// setImmediate callback that runs inside the pump of a blocking call, itself d - 1 levels deep. Target: flat (each
// depth within 5% of depth 0).
import { pumpDepth, sync } from 'asynchro';
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
const row = (depth) => ({
  group: GROUP,
  name: `depth ${depth}`,
  ...TIGHT_TARGET,
  baseline: depth === 0,
  targets: depth === 0 ? undefined : [{ vs: 'depth 0', max: 1.05 }],
  run: (n) =>
    atDepth(depth, () => {
      if (pumpDepth() !== depth) throw new Error(`at depth ${pumpDepth()}, not ${depth}`);
      for (let i = 0; i < n; i++) kept = sync(work, i);
    }),
});

export default [row(0), row(1), row(2), row(5)];
void kept;
