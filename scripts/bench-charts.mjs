// `npm run bench:charts`: draws the results of record (bench/results.md, written by `npm run bench --
// --update-results`) as SVG charts in docs/, one panel per benchmark group: each case's median as a bar, its lowest
// sample as a tick, asynchro's rows in one colour, peers in another, floors and references in grey. No dependency:
// the table is parsed from the Markdown and the SVG written as text.
//   node scripts/bench-charts.mjs [--results <file>] [--out <dir>]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    results: { type: 'string', default: join(root, 'bench/results.md') },
    out: { type: 'string', default: join(root, 'docs') },
  },
});

/** The charts: file name, title, and which groups (by the start of their name) each holds, in order. */
const CHARTS = [
  {
    file: 'bench-pump.svg',
    title: 'The loop pump: sync() per call, against native await and raw deasync',
    groups: ['microtask-only work', 'setImmediate', 'fs.promises.readFile', 'loopback HTTP GET'],
  },
  {
    file: 'bench-scale.svg',
    title: 'The pump at scale: nesting, a crowded event loop, tracing',
    groups: ['scale · nesting', 'scale · loop population', 'tracing channel'],
  },
  {
    file: 'bench-worker.svg',
    title: 'The worker strategy: a round trip against its floor and synckit',
    groups: ['worker round trip', 'worker first call', 'worker memory', 'worker offload', 'scale · worker payload'],
  },
  {
    file: 'bench-startup.svg',
    title: 'Start-up and decorators',
    groups: ['start-up', 'decorators'],
  },
];

/** How a row is drawn: asynchro's own code, a peer package, or a floor / reference it is measured against. */
function roleOf(name) {
  if (/synckit|deasync loopWhile/.test(name)) return 'peer';
  if (/^floor|_tickCallback|bare node|hand-written|build without|native await|runLoopOnce/.test(name)) return 'floor';
  return 'ours';
}
const COLOURS = { ours: '#2563eb', peer: '#f59e0b', floor: '#9ca3af' };
const LEGEND = [
  ['ours', 'asynchro'],
  ['peer', 'peer (synckit, raw deasync)'],
  ['floor', 'floor or reference'],
];

/** Shorter labels for the longest case names (the full name is the label's tooltip). */
const SHORT = {
  'floor: Atomics.wait/notify ping-pong': 'floor: Atomics ping-pong',
  'workerSynced, ASYNCHRO_WORKER_SPIN_US=50': 'workerSynced, spin 50 µs',
  'hand-written hand-off, copied': 'hand-written, copied',
  'hand-written hand-off, transferred': 'hand-written, transferred',
  'first decoration, SDK-like names (20 verbs x 10 resources)': 'first, SDK-like names',
  'first 200-method class, decorator code compiled': 'first, code compiled',
  'first decoration in a fresh process': 'first in a fresh process',
  'warm decoration (ns per class)': 'warm decoration',
};

const UNITS = { ns: 1, µs: 1e3, ms: 1e6, s: 1e9, MB: 1, kB: 1e-3 };

/** The results table as groups of { name, median, lowest, unit, verdict }. */
function parseResults(markdown) {
  const groups = [];
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| group ')) continue;
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim());
    const [group, name, median, , lowest, , , target, result] = cells;
    if (group) groups.push({ name: group, rows: [] });
    const parsedMedian = parseValue(median);
    if (!parsedMedian) continue; // a failed case
    // one verdict per target, in the order of the target column
    const verdicts = target ? result.split('<br>').map((text) => (/missed/.test(text) ? 'missed' : 'met')) : [];
    groups.at(-1).rows.push({ name, median: parsedMedian, lowest: parseValue(lowest), verdicts });
  }
  return groups;
}

function parseValue(text) {
  const match = /^([\d.]+) (ns|µs|ms|s|MB|kB)$/.exec(text ?? '');
  if (!match) return undefined;
  const [, number, unit] = match;
  const timed = unit.endsWith('s');
  return { value: Number(number) * UNITS[unit], kind: timed ? 'time' : 'size', text };
}

function formatTime(ns) {
  if (ns < 1e3) return `${ns.toPrecision(3)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  return `${(ns / 1e6).toPrecision(3)} ms`;
}

const escapeXml = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

// Layout, in px.
const WIDTH = 1000;
const COLUMN_GAP = 40;
const PANEL_WIDTH = (WIDTH - 40 - COLUMN_GAP) / 2;
const LABEL_WIDTH = 205;
const VALUE_ROOM = 96;
const ROW = 22;
const BAR = 14;
const PANEL_HEAD = 34;
const PANEL_GAP = 22;
const FONT = 'font-family="DejaVu Sans, Verdana, sans-serif"';

/** One group's panel at (x, y): title, then one bar per case on the group's own linear scale. */
function panel(group, x, y) {
  const parts = [];
  const lines = wrap(group.name, 62);
  lines.forEach((line, index) => {
    parts.push(
      `<text x="${x}" y="${y + 14 + index * 15}" font-size="12.5" font-weight="bold" ${FONT}>${escapeXml(line)}</text>`,
    );
  });
  const top = y + PANEL_HEAD + (lines.length - 1) * 15;
  const max = Math.max(...group.rows.map((row) => row.median.value));
  const barSpace = PANEL_WIDTH - LABEL_WIDTH - VALUE_ROOM;
  group.rows.forEach((row, index) => {
    const rowY = top + index * ROW;
    const role = roleOf(row.name);
    const width = Math.max(1.5, (row.median.value / max) * barSpace);
    const short = SHORT[row.name] ?? row.name;
    const label = short.length > 32 ? `${short.slice(0, 31)}…` : short;
    parts.push(
      `<text x="${x + LABEL_WIDTH - 8}" y="${rowY + BAR - 3}" font-size="11" text-anchor="end" ${FONT}><title>${escapeXml(row.name)}</title>${escapeXml(label)}</text>`,
      `<rect x="${x + LABEL_WIDTH}" y="${rowY}" width="${width.toFixed(1)}" height="${BAR}" rx="2" fill="${COLOURS[role]}"/>`,
    );
    if (row.lowest && row.lowest.value < row.median.value) {
      const tick = x + LABEL_WIDTH + (row.lowest.value / max) * barSpace;
      parts.push(
        `<line x1="${tick.toFixed(1)}" y1="${rowY - 2}" x2="${tick.toFixed(1)}" y2="${rowY + BAR + 2}" stroke="#111827" stroke-width="1.5"/>`,
      );
    }
    const shown = row.median.kind === 'time' ? formatTime(row.median.value) : row.median.text;
    const marks = row.verdicts
      .map((verdict) => (verdict === 'met' ? '<tspan fill="#15803d">✓</tspan>' : '<tspan fill="#b91c1c">✗</tspan>'))
      .join('');
    parts.push(
      `<text x="${x + LABEL_WIDTH + width + 5}" y="${rowY + BAR - 3}" font-size="11" ${FONT} fill="#111827">${escapeXml(shown)}${marks ? ` ${marks}` : ''}</text>`,
    );
  });
  return { svg: parts.join('\n'), height: top - y + group.rows.length * ROW };
}

function wrap(text, width) {
  const lines = [''];
  for (const word of text.split(' ')) {
    if (lines.at(-1).length + word.length + 1 > width && lines.at(-1)) lines.push('');
    lines[lines.length - 1] += (lines.at(-1) ? ' ' : '') + word;
  }
  return lines;
}

function chart({ title, groups: prefixes }, groups) {
  const chosen = prefixes.flatMap((prefix) => groups.filter((group) => group.name.startsWith(prefix)));
  if (!chosen.length) throw new Error(`no group of the results starts with any of ${prefixes.join(', ')}`);
  const parts = [];
  // Two panels a row, in the order of the results, so that a group's two calling patterns sit side by side.
  let rowTop = 78;
  for (let index = 0; index < chosen.length; index += 2) {
    let rowHeight = 0;
    for (const [column, group] of chosen.slice(index, index + 2).entries()) {
      const { svg, height } = panel(group, 20 + column * (PANEL_WIDTH + COLUMN_GAP), rowTop);
      parts.push(svg);
      rowHeight = Math.max(rowHeight, height);
    }
    rowTop += rowHeight + PANEL_GAP;
  }
  const height = rowTop + 30;
  const legendX = [20, 120, 330];
  const legend = LEGEND.map(
    ([role, text], index) =>
      `<rect x="${legendX[index]}" y="44" width="14" height="14" rx="2" fill="${COLOURS[role]}"/>` +
      `<text x="${legendX[index] + 20}" y="56" font-size="12" ${FONT}>${escapeXml(text)}</text>`,
  ).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="20" y="28" font-size="17" font-weight="bold" ${FONT}>${escapeXml(title)}</text>
${legend}
<text x="500" y="56" font-size="12" ${FONT}>bar: median · tick: lowest sample · ✓ ✗: each target met or missed</text>
${parts.join('\n')}
<text x="20" y="${height - 10}" font-size="11" fill="#4b5563" ${FONT}>Drawn from bench/results.md by npm run bench:charts. Each panel has its own linear scale.</text>
</svg>
`;
}

const groups = parseResults(readFileSync(flags.results, 'utf8'));
for (const spec of CHARTS) {
  writeFileSync(join(flags.out, spec.file), chart(spec, groups));
  console.log(`wrote ${join(flags.out, spec.file)}`);
}
