// Runs ONE benchmark case in this (fresh) process and prints its samples; bench/run.mjs spawns it.
//   node --expose-gc bench/child.mjs <case file> --list          -> the file's cases (metadata only)
//   node --expose-gc bench/child.mjs <case file> <index> <json>  -> samples of case <index>
// The result is the last stdout line, prefixed with RESULT_PREFIX, so a case may print whatever it likes.
import { pathToFileURL } from 'node:url';

const RESULT_PREFIX = '@@bench '; // bench/run.mjs looks for it

const [file, which, settingsJson] = process.argv.slice(2);
const cases = (await import(pathToFileURL(file).href)).default;
if (!Array.isArray(cases)) throw new TypeError(`${file}: the default export must be an array of cases`);

if (which === '--list') {
  report(
    cases.map(
      ({ group, name, baseline, targets, unit, processes, extraProcesses, extraReps, run, once, env, cpus }) => ({
        group,
        name,
        baseline: Boolean(baseline),
        targets: targets ?? [],
        kind: run ? 'loop' : once ? 'once' : 'invalid',
        unit: run ? 'ns/call' : unit,
        processes,
        extraProcesses,
        extraReps,
        env,
        cpus,
      }),
    ),
  );
} else {
  const settings = JSON.parse(settingsJson);
  const kase = cases[Number(which)];
  await kase.setup?.();
  const result = kase.run ? await measureLoop(kase, settings) : { samples: [await inFreshImmediate(kase.once)] };
  await kase.teardown?.();
  report(result);
}

function report(value) {
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(value)}\n`);
}

/**
 * Warm-up, then `reps` timed repetitions of `run(calls)`; each sample is ns per call. Warm-up runs batches for
 * `warmupMs` (the case's own `warmupMs` if it has one, except in a quick run), doubling the batch until one lasts `repMs`; the last, warm
 * batch sets `calls` so that a repetition lasts about `repMs`, long enough to swamp timer resolution and the hop
 * into each repetition. No gc() between repetitions: the garbage a call makes is part of its cost. CPU time (user +
 * system) is kept beside wall time: on a shared machine it is far less inflated by time-slicing.
 */
async function measureLoop(kase, { reps, repMs, warmupMs, quick }) {
  const warmupEnds = performance.now() + (quick ? warmupMs : (kase.warmupMs ?? warmupMs));
  let calls = 1;
  let elapsedNs;
  for (;;) {
    ({ elapsedNs } = await timeRun(kase, calls));
    if (performance.now() >= warmupEnds && elapsedNs >= 10e6) break;
    if (elapsedNs < repMs * 1e6) calls *= 2;
  }
  calls = Math.max(1, Math.round((repMs * 1e6 * calls) / elapsedNs));
  const samples = [];
  const cpuSamples = [];
  for (let rep = 0; rep < reps; rep++) {
    const { elapsedNs, cpuNs } = await timeRun(kase, calls);
    samples.push(elapsedNs / calls);
    cpuSamples.push(cpuNs / calls);
  }
  return { samples, cpuSamples, calls };
}

/**
 * Times `run(calls)`, started from a setImmediate callback: a macrotask, where blocking calls are allowed (an ES
 * module's top level and anything after an `await` are microtasks, where the pump refuses to block).
 */
function timeRun(kase, calls) {
  return inFreshImmediate(() => {
    const cpuAtStart = process.cpuUsage();
    const started = process.hrtime.bigint();
    const finished = () => {
      const elapsedNs = Number(process.hrtime.bigint() - started);
      const { user, system } = process.cpuUsage(cpuAtStart);
      return { elapsedNs, cpuNs: (user + system) * 1000 };
    };
    const ran = kase.run(calls);
    return typeof ran?.then === 'function' ? ran.then(finished) : finished();
  });
}

function inFreshImmediate(fn) {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(fn());
      } catch (error) {
        reject(error);
      }
    });
  });
}
