// Instructions per call, counted by valgrind's callgrind: deterministic where wall-clock time is not (a shared or
// busy machine). For A/B decisions on the hot path; `npm run bench` stays the measure of record.
//   node bench/instructions.mjs [variant ...] [--index <dist/index.js of a build>] [--fresh | --depth <n>]
// Variants: sync-micro, deasync-micro, sync-imm, deasync-imm (work settling in microtasks / by setImmediate, through
// `sync` or raw deasync loopWhile), sync-direct (a function returning a plain value), awaitsync-micro (`awaitSync` of
// a promise settling in microtasks); tight loop by default, each call from a fresh setImmediate with --fresh; with
// --depth n, the tight loop runs at pump depth n (in an immediate run by the pump of a call n - 1 levels deep, as in
// bench/cases/scale-1-nesting.mjs).
// Each variant runs twice under callgrind (100k and 400k measured calls after 20k warm-up calls); the difference
// over 300k is the per-call count, start-up and warm-up cancelled. About 30 s per variant; ±2% between runs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    index: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    depth: { type: 'string', default: '0' },
    child: { type: 'string' },
  },
});

if (values.child !== undefined) await runChild(values.child);
else main();

function main() {
  const index = values.index ?? fileURLToPath(new URL('../dist/index.js', import.meta.url));
  const variants = positionals.length ? positionals : ['sync-micro', 'deasync-micro', 'sync-imm', 'deasync-imm'];
  for (const variant of variants) {
    const count = (calls) => {
      const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded'];
      args.push(
        fileURLToPath(import.meta.url),
        '--child',
        String(calls),
        '--index',
        index,
        ...(values.fresh ? ['--fresh'] : []),
        '--depth',
        values.depth,
        variant,
      );
      const { stderr, status, error } = spawnSync('valgrind', args, { encoding: 'utf8' });
      const collected = /Collected : (\d+)/.exec(stderr ?? '');
      if (error || status !== 0 || !collected)
        throw new Error(`valgrind failed (${error?.message ?? `exit ${status}`}): ${stderr?.slice(-500)}`);
      return Number(collected[1]);
    };
    const perCall = (count(400_000) - count(100_000)) / 300_000;
    console.log(
      `${variant}${values.fresh ? ' (fresh setImmediate per call)' : ''}${values.depth !== '0' ? ` at depth ${values.depth}` : ''}: ` +
        `${Math.round(perCall)} instructions per call`,
    );
  }
}

async function runChild(callsText) {
  const { blockWithDeasync: raw } = await import('./lib/raw-deasync.mjs');
  const { sync, awaitSync } = await import(values.index);
  const micro = async (x) => x + 1;
  const plain = (x) => x + 1;
  const immediate = (x) => new Promise((resolve) => setImmediate(resolve, x + 1));
  const variants = {
    'sync-micro': (i) => sync(micro, i),
    'deasync-micro': raw(micro),
    'sync-imm': (i) => sync(immediate, i),
    'deasync-imm': raw(immediate),
    'sync-direct': (i) => sync(plain, i),
    'awaitsync-micro': (i) => awaitSync(micro(i)),
  };
  const call = variants[positionals[0]];
  if (!call) throw new Error(`unknown variant ${positionals[0]}; one of ${Object.keys(variants).join(', ')}`);
  let kept;
  const loop = (n, done) => {
    if (!values.fresh) {
      for (let i = 0; i < n; i++) kept = call(i);
      return done();
    }
    let i = 0;
    const step = () => {
      kept = call(i);
      if (++i < n) setImmediate(step);
      else done();
    };
    setImmediate(step);
  };
  const depth = Number(values.depth);
  if (depth > 0) {
    if (values.fresh) throw new Error('--depth measures the tight loop only');
    const atDepth = (level, body) =>
      level === 0
        ? body()
        : sync(() => new Promise((resolve) => setImmediate(() => resolve(atDepth(level - 1, body)))));
    setImmediate(() =>
      atDepth(depth, () => {
        loop(20_000, () => {});
        loop(Number(callsText), () => void kept);
      }),
    );
    return;
  }
  // from setImmediate callbacks: macrotasks, where the pump may block
  setImmediate(() => loop(20_000, () => setImmediate(() => loop(Number(callsText), () => void kept))));
}
