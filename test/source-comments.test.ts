// The comment rule of src/: a comment states an invariant, the Node behaviour relied on (naming the fixture that
// shows it), or why the obvious alternative fails. History, issue numbers, measured figures (they belong in commit
// bodies and bench/results.md: name the bench case instead), dates, pointers into the README (its sections moved
// to docs/: name the page) and a file defending its own length do not. Also prints how much comment each file
// carries per character of code.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitComments } from './helpers/comments.js';

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * Files other work is rewriting right now: they are checked once it lands. Remove an entry as soon as its files pass.
 */
const BEING_REWRITTEN: string[] = [];
const beingRewritten = (file: string): boolean => BEING_REWRITTEN.some((prefix) => file.startsWith(prefix));

/** Generated data, not code a person reads: left out of the comment ratio. */
const GENERATED = new Set(['decorators/words.ts']);

/** Overall comment characters per code character allowed in the files checked (peers: 0.05-0.32). */
const MAX_RATIO = 0.35;

const UNITS = String.raw`(?:ns|µs|us|ms|s|KB|MB|GB)`;
const RULES: [name: string, pattern: RegExp][] = [
  ['an issue reference', /\bissues?\s+#?\d+|(?<![\w&'"/])#\d+\b/i],
  // A figure is measured when it has a fraction, a range, an approximation or a unit of speed; a plain whole
  // number of ms or s is a limit or a default (`at most 1 ms`, `2^31 - 1 ms`) and stays.
  [
    'a measured figure',
    new RegExp(
      String.raw`\d+\.\d+\s?${UNITS}\b|\d+[-–]\d+(?:\.\d+)?\s?${UNITS}\b|(?:~|about |around |roughly )\d[\d,.]*\s?${UNITS}\b` +
        String.raw`|\d+(?:\.\d+)?\s?%|\b\d+(?:\.\d+)?x\b|\b\d[\d,]*\s(?:more |fewer )?instructions\b|\bmeasured\b`,
      'i',
    ),
  ],
  ['a date', /\b(?:19|20)\d\d-[01]\d\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (?:19|20)\d\d\b/],
  ['a README reference (name the docs/ page)', /\bREADME\b/],
  ['history', /\b(?:used to|previously|formerly)\b/i],
  ['a file defending its length', /\b(?:its|this file's|their) length\b|\blonger than most\b|\b\d+ lines\b/i],
];

function sourceFiles(dir = srcDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [relative(srcDir, join(dir, entry.name))]
        : [],
  );
}

const files = sourceFiles().map((file) => ({ file, ...splitComments(readFileSync(join(srcDir, file), 'utf8')) }));

describe('comments in src/', () => {
  it('reads the comments it checks', () => {
    const errors = files.find((entry) => entry.file === 'errors.ts')!;
    expect(errors.comments.length).toBeGreaterThan(5);
    expect(errors.codeChars).toBeGreaterThan(1000);
    // The scanner tells comments from strings, templates and regular expressions.
    const sample = splitComments(
      "const a = '// no'; const b = `/* $" +
        "{'no'} */`; const c = /\\/\\/ no/; // yes\n/** also yes */ const d = 1 / 2;",
    );
    expect(sample.comments.map((comment) => comment.text.trim())).toEqual(['yes', 'also yes']);
  });

  it.each(RULES)('carry no %s', (_name, pattern) => {
    const found = files
      .filter((entry) => !beingRewritten(entry.file))
      .flatMap((entry) =>
        entry.comments.flatMap((comment) =>
          comment.text
            .split('\n')
            .map((line, offset) => ({ line, offset }))
            .filter(({ line }) => pattern.test(line))
            .map(({ line, offset }) => `src/${entry.file}:${comment.line + offset}: ${line.trim()}`),
        ),
      );
    expect(found).toEqual([]);
  });

  it('flags what the rules are for', () => {
    const flagged = (line: string) => RULES.filter(([, pattern]) => pattern.test(line)).map(([name]) => name);
    expect(flagged('Fixed in issue 27.')).toEqual(['an issue reference']);
    expect(flagged('costs ~35 instructions a call')).toEqual(['a measured figure']);
    expect(flagged('took 12.5 us a round trip')).toEqual(['a measured figure']);
    expect(flagged('0.4-1 ms of the first call')).toEqual(['a measured figure']);
    expect(flagged('7x faster aligned')).toEqual(['a measured figure']);
    expect(flagged('(see the README\'s "Toolchains")')).toEqual(['a README reference (name the docs/ page)']);
    expect(flagged('seen in 2026-12')).toEqual(['a date']);
    expect(flagged('About 330 lines, on purpose: the hot path')).toEqual(['a file defending its length']);
    // Limits and defaults keep their units.
    expect(flagged('checks at most 1 ms before sleeping')).toEqual([]);
    expect(flagged("Node's timers hold at most 2^31 - 1 ms")).toEqual([]);
    expect(flagged('the `#private` field, a `&#39;` entity')).toEqual([]);
  });

  it('explain code without outweighing it', () => {
    const checked = files.filter((entry) => !GENERATED.has(entry.file));
    const ratio = (entries: typeof checked) =>
      entries.reduce((sum, entry) => sum + entry.commentChars, 0) /
      entries.reduce((sum, entry) => sum + entry.codeChars, 0);
    const rows = [...checked]
      .sort((a, b) => b.commentChars / b.codeChars - a.commentChars / a.codeChars)
      .map((entry) => `${(entry.commentChars / entry.codeChars).toFixed(2).padStart(6)}  src/${entry.file}`);
    const mine = checked.filter((entry) => !beingRewritten(entry.file));
    console.log(
      `comment characters per code character (non-blank, ${GENERATED.size} generated file left out)\n` +
        `${rows.join('\n')}\n` +
        `${ratio(checked).toFixed(3).padStart(6)}  all of src/\n` +
        `${ratio(mine).toFixed(3).padStart(6)}  src/ without the files being rewritten`,
    );
    expect(ratio(mine)).toBeLessThan(MAX_RATIO);
  });
});

describe('messages in src/', () => {
  it('point to the docs page that has the fix, not the README', () => {
    const found = files
      .filter((entry) => !beingRewritten(entry.file))
      .flatMap((entry) =>
        readFileSync(join(srcDir, entry.file), 'utf8')
          .split('\n')
          .map((line, index) => ({ line, index }))
          .filter(({ line }) => /README/.test(line))
          .map(({ line, index }) => `src/${entry.file}:${index + 1}: ${line.trim()}`),
      );
    expect(found).toEqual([]);
  });
});
