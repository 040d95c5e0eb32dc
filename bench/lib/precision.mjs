// The sampling of a group whose target sits within a few percent of what the code costs (the pump against raw
// deasync, flat with nesting and loop population, tracing's 2%, the generated fooSync, the pinned worker round trip
// against its floor): spread it into each of the group's cases. On a shared machine one case's samples move by 1.5x
// within a process and from process to process (machine phases of seconds, JIT choices), so the lowest sample of
// 9 processes x 3 repetitions moved by several percent from run to run on code whose cost did not change; 15 x 10
// brought that within the target's margin (bench/README.md, "Tight targets").
export const TIGHT_TARGET = { extraProcesses: 6, extraReps: 7 };
