// `npm run bench`: runs every case in bench/cases/*.mjs, each in fresh Node processes, one at a time, and prints
// a Markdown table of medians, spreads, lowest samples, ratios against the group's baseline, and targets. See
// bench/README.md.
//   node bench/run.mjs [--quick] [--update-results] [--filter <text>] [--rounds <n>] [--reps <n>] [--rep-ms <ms>]
//                      [--warmup-ms <ms>] [--once-processes <n>] [--cases <dir>] [--out <file>] [--raw <file>]
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join, relative, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const RESULT_PREFIX = '@@bench '; // printed by bench/child.mjs before its result
const benchDir = fileURLToPath(new URL('.', import.meta.url));
const childScript = join(benchDir, 'child.mjs');

const RESULTS_OF_RECORD = join(benchDir, 'results.md'); // tracked: written only with --update-results
const { values: flags } = parseArgs({
  options: {
    // One process per case, short repetitions, no case's extra sampling; targets judged with QUICK_SLACK.
    quick: { type: 'boolean', default: false },
    'update-results': { type: 'boolean', default: false }, // write the full run to bench/results.md
    filter: { type: 'string', default: '' },
    rounds: { type: 'string' }, // processes per loop case, interleaved with the other cases
    reps: { type: 'string' }, // timed repetitions per process, after warm-up
    'rep-ms': { type: 'string' },
    'warmup-ms': { type: 'string' }, // a case may ask for more (warmupMs), except in a quick run
    'once-processes': { type: 'string' }, // processes per once-case that does not choose
    cases: { type: 'string', default: join(benchDir, 'cases') },
    out: { type: 'string' }, // default: bench/last-run.md (untracked)
    raw: { type: 'string' }, // also write every sample as JSON, by case and round (to tally several runs)
  },
});
const quick = flags.quick;
const defaults = quick
  ? { rounds: '1', reps: '3', 'rep-ms': '30', 'warmup-ms': '300', 'once-processes': '1' }
  : { rounds: '9', reps: '3', 'rep-ms': '150', 'warmup-ms': '500', 'once-processes': '5' };
for (const [flag, value] of Object.entries(defaults)) flags[flag] ??= value;
if (flags['update-results']) {
  // The results of record are a whole run with the full sampling, of the cases in the repository.
  const partial = quick || flags.filter || flags.out || flags.cases !== join(benchDir, 'cases');
  const changed = Object.keys(defaults).some((flag) => flags[flag] !== defaults[flag]);
  if (partial || changed) {
    console.error('--update-results takes a full run: no --quick, --filter, --cases, --out or sampling options.');
    process.exit(2);
  }
}
flags.out ??= flags['update-results'] ? RESULTS_OF_RECORD : join(benchDir, 'last-run.md');
// A quick run's few samples move by 2x on a busy machine: it catches crashes and gross regressions, so each target
// is judged at QUICK_SLACK times its bound, never the bound itself.
const QUICK_SLACK = 4;
const casesDir = resolvePath(flags.cases);
const settings = {
  reps: Number(flags.reps),
  repMs: Number(flags['rep-ms']),
  warmupMs: Number(flags['warmup-ms']),
  quick,
};
const WATCHDOG_MS = 120_000;

const startedAt = new Date();
const loadBefore = os.loadavg();
const started = performance.now();

const cases = [];
for (const file of readdirSync(casesDir)
  .filter((name) => name.endsWith('.mjs') && !name.startsWith('_'))
  .sort()) {
  const path = join(casesDir, file);
  const listed = await runChild([path, '--list']);
  if (listed.error) {
    cases.push({
      file,
      group: file,
      name: '(file failed to load)',
      targets: [],
      error: listed.error,
      samples: [],
      cpuSamples: [],
      failures: [],
    });
    continue;
  }
  listed.value.forEach((meta, index) => {
    if (!`${file} ${meta.group} ${meta.name}`.includes(flags.filter)) return;
    const processes = quick
      ? 1
      : meta.kind === 'loop'
        ? Number(flags.rounds) + (meta.extraProcesses ?? 0)
        : (meta.processes ?? Number(flags['once-processes']));
    cases.push({
      ...meta,
      file,
      path,
      index,
      processes,
      samples: [],
      cpuSamples: [],
      byRound: [],
      failures: [],
      error: meta.kind === 'invalid' ? 'exports neither run nor once' : undefined,
    });
  });
}

// Round-robin: round r runs every case's r-th process, a group's cases back to back in an order rotated by one each
// round, so slow drifts in machine load hit a case and its peers alike and no case always runs first.
const rounds = Math.max(0, ...cases.map((kase) => (kase.error ? 0 : kase.processes)));
const totalRuns = cases.reduce((sum, kase) => sum + (kase.error ? 0 : kase.processes), 0);
let done = 0;
for (let round = 0; round < rounds; round++) {
  for (const kase of [...groupsOf(cases).values()].flatMap((group) => rotated(group, round))) {
    if (kase.error || kase.hung || round >= kase.processes) continue;
    process.stderr.write(`[${++done}/${totalRuns}] ${kase.group} / ${kase.name}\n`);
    await runProcess(kase, round);
  }
}
let table = renderTable(cases);
if (quick) {
  // One process per case can land in a busy second: a group that misses a target runs once more, and the lowest
  // samples of both processes are judged. A regression misses twice.
  const missing = [...groupsOf(cases).values()].filter((group) =>
    group.some((kase) => kase.verdicts?.some((verdict) => verdict.met === false)),
  );
  for (const kase of missing.flat()) {
    if (kase.error || kase.hung) continue;
    process.stderr.write(`[again] ${kase.group} / ${kase.name}\n`);
    await runProcess(kase, kase.processes++);
  }
  if (missing.length) table = renderTable(cases);
}

/** Runs one process of `kase` and keeps its samples, or its failure. */
async function runProcess(kase, round) {
  const caseSettings = { ...settings, reps: settings.reps + (quick ? 0 : (kase.extraReps ?? 0)) };
  const outcome = await runChild([kase.path, String(kase.index), JSON.stringify(caseSettings)], kase);
  if (outcome.error) {
    // Kept going after a failure (another helper rebuilding dist/ mid-run looks like this), except after a hang.
    kase.failures.push(outcome.error);
    kase.hung ||= outcome.hung;
  } else {
    kase.samples.push(...outcome.value.samples);
    kase.cpuSamples.push(...(outcome.value.cpuSamples ?? []));
    kase.byRound[round] = outcome.value.samples;
  }
}

const loadAfter = os.loadavg();
const cpus = os.cpus();
const machine =
  `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
  `${os.platform()}-${os.arch()}, Node ${process.version}`;
// The run itself keeps about one process busy, which the 1-minute load average after it includes.
const othersLoad = Math.max(loadBefore[0], loadAfter[0] - 1);
const load =
  `load average ${loadBefore[0].toFixed(2)} before, ${loadAfter[0].toFixed(2)} after (the run itself adds ~1)` +
  (othersLoad > os.availableParallelism() / 2
    ? ` — **a busy machine**: other processes took CPU time, so medians are inflated and noisy; rerun on a quiet machine`
    : '');
const summary = renderSummary(cases);
const sampling = quick
  ? `quick: 1 process per case (2 in a group that missed) x ${settings.reps} repetitions of ~${settings.repMs} ms after ${settings.warmupMs} ms ` +
    `warm-up; targets judged at ${QUICK_SLACK}x their bound (gross regressions only)`
  : `${flags.rounds} processes per loop case x ${settings.reps} repetitions (more where a case asks: extraProcesses, ` +
    `extraReps) of ~${settings.repMs} ms after ${settings.warmupMs} ms warm-up`;
const markdown =
  `Machine: ${machine}; ${load}.\n` +
  `Run: ${startedAt.toISOString()}, ${((performance.now() - started) / 1000).toFixed(0)} s; ${sampling}.\n\n` +
  `${table}\n${summary}`;
writeFileSync(flags.out, markdown);
if (flags.raw) {
  const raw = cases.map(({ group, name, unit, byRound }) => ({ group, name, unit: unit ?? 'ns/call', byRound }));
  writeFileSync(flags.raw, JSON.stringify({ startedAt, loadBefore, loadAfter, cases: raw }, null, 1));
}
console.log(`\n${markdown}\nWritten to ${relative(process.cwd(), flags.out)}.`);
const missed = cases.some((kase) => kase.verdicts?.some((verdict) => verdict.met === false));
if (cases.some((kase) => kase.error || kase.failures.length) || (quick && missed)) process.exitCode = 1;

/**
 * Runs bench/child.mjs with a watchdog; resolves to { value } (its result line) or { error }. A case's `env` is
 * added to the child's environment; its `cpus` (e.g. '0') pins the child, every thread of it, to those CPUs.
 */
function runChild(args, { env, cpus } = {}) {
  return new Promise((resolve) => {
    const command = [process.execPath, '--expose-gc', childScript, ...args];
    if (cpus !== undefined) command.unshift('taskset', '-c', String(cpus));
    const child = spawn(command[0], command.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: env ? { ...process.env, ...env } : process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), WATCHDOG_MS);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      const line = stdout.split('\n').findLast((text) => text.startsWith(RESULT_PREFIX));
      if (code === 0 && line) return resolve({ value: JSON.parse(line.slice(RESULT_PREFIX.length)) });
      const hung = signal === 'SIGKILL';
      const why = hung ? `killed after ${WATCHDOG_MS / 1000} s` : (signal ?? `exit ${code}`);
      const lines = stderr.trim().split('\n');
      const detail = lines.find((text) => /^\s*[A-Za-z]*Error\b/.test(text)) ?? lines[0] ?? '';
      process.stderr.write(`  ${basename(args[0])} ${args[1]} failed (${why})\n${stderr}`);
      resolve({ error: `${why}${detail ? `: ${detail.trim()}` : ''}`, hung });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median absolute deviation as a fraction of the median: robust to the odd outlier a busy machine produces. */
function relativeSpread(values) {
  const mid = median(values);
  return median(values.map((value) => Math.abs(value - mid))) / mid;
}

function formatValue(value, unit) {
  if (unit !== 'ns/call') return `${value.toPrecision(3)} ${unit}`;
  if (value < 1e3) return `${value.toPrecision(3)} ns`;
  if (value < 1e6) return `${(value / 1e3).toPrecision(3)} µs`;
  return `${(value / 1e6).toPrecision(3)} ms`;
}

function formatRatio(ratio) {
  return `${ratio < 0.1 ? ratio.toPrecision(2) : ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}x`;
}

/**
 * Each target as { text, met, actual }. `{ max }` is absolute, on the median. `{ vs, max }` compares the lowest
 * samples of the case and its peer: on this shared VM noise only ever adds time (one case ranges over 2x from process
 * to process while its lowest samples agree within a few percent; bench/README.md), so the lowest sample is the
 * estimate of a cost that resolves 5% here (Chen and Revels, "Robust benchmarking in noisy environments", 2016). The
 * medians' ratio is shown beside it. `{ vs, max, by: 'median' }` compares the medians instead, for cases where noise
 * can also take time away (two threads free to move between CPUs: when they happen to share one, a hand-off is
 * several times cheaper than a wake-up on the other), so that their lowest sample is not the code's cost.
 */
function evaluateTargets(kase, groupCases) {
  return kase.targets.map(({ vs, max: bound, by }) => {
    const max = quick ? bound * QUICK_SLACK : bound;
    if (vs === undefined) {
      const text = `≤ ${formatValue(max, kase.unit)}`;
      return { text, met: kase.value <= max, actual: formatValue(kase.value, kase.unit) };
    }
    const peer = groupCases.find((other) => other.name === vs);
    const byMedian = by === 'median';
    const text = `≤ ${Number(max.toPrecision(3))}x ${vs}${byMedian ? ' (medians)' : ''}`;
    if (!peer || peer.value === undefined) return { text, met: undefined, actual: `no ${vs} result` };
    const lowest = kase.lowest / peer.lowest;
    const medians = kase.value / peer.value;
    const ratio = byMedian ? medians : lowest;
    // Enough digits that a miss never prints as the target itself (1.104x, not 1.10x, against ≤ 1.1x).
    const shown = formatRatio(ratio) === formatRatio(max) ? `${ratio.toFixed(3)}x` : formatRatio(ratio);
    const other = byMedian ? `lowest ${formatRatio(lowest)}` : `medians ${formatRatio(medians)}`;
    return { text, met: ratio <= max, actual: `${shown}; ${other}` };
  });
}

/** Round r's cases, a group's in the order rotated by r. */
function rotated(group, round) {
  const shift = round % group.length;
  return [...group.slice(shift), ...group.slice(0, shift)];
}

function groupsOf(all) {
  const groups = new Map();
  for (const kase of all) {
    if (!groups.has(kase.group)) groups.set(kase.group, []);
    groups.get(kase.group).push(kase);
  }
  return groups;
}

function renderTable(all) {
  for (const kase of all) {
    if (!kase.samples.length) continue;
    kase.value = median(kase.samples);
    kase.lowest = Math.min(...kase.samples);
  }
  const rows = [
    '| group | case | median | spread | lowest | CPU | vs baseline | target | result |',
    '|---|---|--:|--:|--:|--:|--:|---|---|',
  ];
  for (const [group, groupCases] of groupsOf(all)) {
    const baseline = groupCases.find((kase) => kase.baseline && kase.value !== undefined);
    groupCases.forEach((kase, position) => {
      const groupCell = position === 0 ? group : '';
      if (kase.error || kase.value === undefined) {
        rows.push(
          `| ${groupCell} | ${kase.name} | failed | | | | | | ${escapeCell(kase.error ?? kase.failures[0] ?? 'no samples')} |`,
        );
        return;
      }
      const ratio = kase === baseline ? 'baseline' : baseline ? formatRatio(kase.lowest / baseline.lowest) : '';
      const spread = `±${(relativeSpread(kase.samples) * 100).toFixed(1)}%`;
      const cpu = kase.cpuSamples.length ? formatValue(median(kase.cpuSamples), kase.unit) : '';
      const verdicts = (kase.verdicts = evaluateTargets(kase, groupCases));
      const targets = verdicts.map((verdict) => verdict.text).join('<br>');
      const results = verdicts
        .map(({ met, actual }) => `${met === undefined ? '?' : met ? 'met' : '**missed**'} (${actual})`)
        .join('<br>')
        .concat(kase.failures.length ? `<br>(${kase.failures.length} of ${kase.processes} processes failed)` : '');
      rows.push(
        `| ${groupCell} | ${kase.name} | ${formatValue(kase.value, kase.unit)} | ${spread} | ${formatValue(kase.lowest, kase.unit)} | ${cpu} | ${ratio} | ${targets} | ${results} |`,
      );
    });
  }
  return `${rows.join('\n')}\n`;
}

function renderSummary(all) {
  const verdicts = all.flatMap((kase) => (kase.verdicts ?? []).map((verdict) => ({ kase, ...verdict })));
  const missed = verdicts.filter((verdict) => verdict.met === false);
  const failed = all.filter((kase) => kase.error || kase.failures.length);
  const lines = [`Targets met: ${verdicts.filter((verdict) => verdict.met).length} of ${verdicts.length}.`];
  for (const { kase, text, actual } of missed)
    lines.push(`- missed: ${kase.group} / ${kase.name}: ${text} (${actual})`);
  for (const kase of failed) {
    const others = kase.samples.length ? ' (the table uses the others)' : '';
    const why = kase.error ?? `${kase.failures.length} of ${kase.processes} processes${others}: ${kase.failures[0]}`;
    lines.push(`- failed: ${kase.group} / ${kase.name}: ${why}`);
  }
  return `${lines.join('\n')}\n`;
}

function escapeCell(text) {
  return String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
}
