// What loading the package costs a program: the whole process, from spawn to exit, of a script that does
// nothing but load it (bench/lib/startup/), against bare Node and against synckit loaded the same way. One sample per
// fresh process; the spawn itself is in every row alike.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const GROUP = 'start-up · whole process that only loads the package';
const PROCESSES = 11;

const wholeProcess = (script) => () => {
  const path = fileURLToPath(new URL(`../lib/startup/${script}`, import.meta.url));
  const started = performance.now();
  const { status, stderr } = spawnSync(process.execPath, [path], { stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = performance.now() - started;
  if (status !== 0) throw new Error(`${script} exited with ${status}: ${stderr}`);
  return elapsed;
};

const row = (name, script, extra) => ({
  group: GROUP,
  name,
  unit: 'ms',
  processes: PROCESSES,
  once: wholeProcess(script),
  ...extra,
});

export default [
  row('bare node', 'bare.cjs', { baseline: true }),
  row("require('synckit')", 'require-synckit.cjs'),
  row("require('asynchro-bridge')", 'require-asynchro.cjs', { targets: [{ vs: "require('synckit')", max: 1 }] }),
  row("import 'synckit'", 'import-synckit.mjs'),
  row("import 'asynchro-bridge'", 'import-asynchro.mjs', { targets: [{ vs: "import 'synckit'", max: 1 }] }),
];
