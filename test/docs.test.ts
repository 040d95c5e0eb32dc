/**
 * The user docs hold together: every relative link in the README, docs/ and the maintainer files points at a file
 * that exists (and, with `#anchor`, at a heading of it), and the user docs carry no lab notes (dates, issue numbers,
 * section owners). Tables checked against the code have their own tests (test/decorators/names.test.ts); docs/api.md
 * lists each entry's exports in a table checked here against the entry's source.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/child.js';

const docsDir = join(repoRoot, 'docs');
const userDocs = [
  'README.md',
  ...readdirSync(docsDir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const linkedDocs = [...userDocs, 'ARCHITECTURE.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'bench/README.md'];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replaceAll(' ', '-');

function anchorsIn(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1]!)));
}

describe('links in the docs', () => {
  for (const doc of linkedDocs) {
    it(`every relative link of ${doc} resolves`, () => {
      const path = join(repoRoot, doc);
      const text = readFileSync(path, 'utf8').replace(/```[\s\S]*?```/g, '');
      const broken: string[] = [];
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue; // http:, https:, mailto:
        const [file, anchor] = target!.split('#');
        const resolved = file ? join(dirname(path), file) : path;
        if (!existsSync(resolved)) broken.push(`${target}: no ${relative(repoRoot, resolved)}`);
        else if (anchor && resolved.endsWith('.md') && !anchorsIn(resolved).has(anchor))
          broken.push(`${target}: no heading #${anchor}`);
      }
      expect(broken).toEqual([]);
    });
  }
});

describe('the user docs', () => {
  it('carry no dates, issue numbers or section owners', () => {
    const found: string[] = [];
    for (const doc of userDocs) {
      const text = readFileSync(join(repoRoot, doc), 'utf8');
      for (const pattern of [/\b20\d\d-\d\d-\d\d\b/g, /\bissues? \d+/gi, /owner:/g, /load average/gi])
        for (const match of text.matchAll(pattern)) found.push(`${doc}: ${match[0]}`);
    }
    expect(found).toEqual([]);
  });
});

/** The names an entry file of src/ exports (runtime and types), from its `export { ... } from` statements. */
function exportsOf(entry: string): string[] {
  const text = readFileSync(join(repoRoot, 'src', entry), 'utf8');
  return [...text.matchAll(/^export (?:type )?\{([^}]*)\} from/gm)]
    .flatMap((match) => match[1]!.split(','))
    .map((item) => item.trim().replace(/^type /, ''))
    .filter(Boolean)
    .map((item) => item.split(/\s+as\s+/).at(-1)!)
    .sort();
}

describe('docs/api.md', () => {
  const doc = readFileSync(join(docsDir, 'api.md'), 'utf8');
  /** Each `<!-- exports: entry -->` table's names: the backquoted names of its first column. */
  const documented = new Map(
    [...doc.matchAll(/<!-- exports: (\S+) -->\n((?:\|.*\n)+)/g)].map(([, entry, table]) => [
      entry!,
      table!
        .split('\n')
        .slice(2)
        .flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`(\w+)`/g)].map((match) => match[1]!))
        .sort(),
    ]),
  );
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    exports: Record<string, { import?: { types?: string } }>;
  };
  /** The root and each subpath built from src/subpaths/, by package.json's `exports`. */
  const entries = Object.entries(manifest.exports).flatMap(([path, conditions]) => {
    const types = conditions.import?.types ?? '';
    if (path === '.') return [['asynchro-bridge', 'index.ts']];
    const subpath = /^\.\/dist\/(subpaths\/\w+)\.d\.ts$/.exec(types)?.[1];
    return subpath ? [[`asynchro-bridge${path.slice(1)}`, `${subpath}.ts`]] : [];
  });

  it('has a table of names for the root and each subpath export', () => {
    expect([...documented.keys()].sort()).toEqual(entries.map(([entry]) => entry).sort());
    expect(entries.length).toBeGreaterThan(1);
  });

  for (const [entry, file] of entries) {
    it(`lists exactly what ${entry} exports`, () => {
      expect(documented.get(entry!)).toEqual(exportsOf(file!));
    });
  }
});
