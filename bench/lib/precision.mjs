// How many more processes than `--rounds` a case gets when its group has a target within 5% of what it measures (the pump against raw
// deasync, flat with nesting and loop population, tracing's 2%, the generated fooSync on microtask work, 3% from its
// target by instructions): the lowest sample of 9 processes moves by about 2%
// from run to run here (bench/README.md, "Why ratio targets compare the lowest samples"), too close to such a target.
export const EXTRA_PROCESSES_FOR_TIGHT_TARGETS = 6;
