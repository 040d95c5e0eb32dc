// How many more processes than `--rounds` a case gets when its group has a target within a few percent of what the
// code costs (the pump against raw deasync, flat with nesting and loop population, tracing's 2%, and the generated
// fooSync on microtask work, 1.03x by instructions against a 1.1x target): the lowest sample of 9 processes moves by
// about 2% from run to run here (bench/README.md, "Why ratio targets compare the lowest samples"), and V8's inlining
// moves a tight loop's cost by more than that between processes.
export const EXTRA_PROCESSES_FOR_TIGHT_TARGETS = 6;
