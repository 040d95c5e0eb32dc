// The sampling of a group whose target sits within a few percent of what the code costs (the pump against raw
// deasync, flat with nesting and loop population, tracing's 2%, the generated fooSync on microtask work, the pinned
// worker round trip against its floor): spread it into each of the group's cases. On this VM one case's samples move
// by 1.5x within a process and from process to process (machine phases of seconds, JIT choices), so the lowest sample
// of 9 processes x 3 repetitions moved by up to 9% from run to run on code whose cost did not change (nesting depth 1
// against 0: 0.998-1.093x over seven runs). Measured 2026-12-02 on depth 1 against depth 0, three trials each: the
// lowest of 15 processes x 3 repetitions read 1.016-1.039x, of 15 x 10 read 0.990-1.033x (bench/README.md).
export const TIGHT_TARGET = { extraProcesses: 6, extraReps: 7 };
