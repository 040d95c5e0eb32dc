import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asyncNameOf, ENGLISH_A_WORDS, syncNameOf } from '../../src/subpaths/introspection.js';
import { repoRoot } from '../helpers/child.js';
import {
  Api,
  apiStaticSyncNames,
  apiSyncNames,
  AsyncLegacyApi,
  legacyAsyncNames,
  SdkAll,
  SdkAllRenamed,
  SdkDefault,
  SdkInclude,
  sdkSyncNames,
} from './cases.js';
import { AMBIGUOUS_NAMES, KEPT_WORDS, SDK_VERBS, STRIPPED_NAMES } from './naming-table.js';

const DOCS_PAGE = 'docs/decorators.md';
const read = (file: string): string => readFileSync(join(repoRoot, file), 'utf8');

/** The rows of the table under `heading` in `file`: [from, to] pairs from the first two backticked cells. */
function tableIn(file: string, heading: string): [string, string][] {
  const page = read(file);
  const start = page.indexOf(heading);
  expect(start, `${file} has "${heading}"`).toBeGreaterThan(-1);
  const rows: [string, string][] = [];
  for (const line of page.slice(start).split('\n').slice(1)) {
    if (rows.length && !line.startsWith('|')) break;
    const cells = [...line.matchAll(/^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`/g)];
    if (cells[0]) rows.push([cells[0][1]!, cells[0][2]!]);
  }
  return rows;
}

describe(`the naming tables in ${DOCS_PAGE}`, () => {
  it('matches syncNameOf row by row', () => {
    const rows = tableIn(DOCS_PAGE, 'Async method | sync variant');
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const [asyncName, expected] of rows)
      expect(`${asyncName} -> ${syncNameOf(asyncName)}`).toBe(`${asyncName} -> ${expected}`);
  });

  it('matches asyncNameOf row by row', () => {
    const rows = tableIn(DOCS_PAGE, 'Sync method | async variant');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const [syncName, expected] of rows)
      expect(`${syncName} -> ${asyncNameOf(syncName)}`).toBe(`${syncName} -> ${expected}`);
  });

  it('names every required word and every known ambiguous name', () => {
    const page = read(DOCS_PAGE);
    for (const word of KEPT_WORDS) expect(page).toContain(`\`${word}\``);
    for (const [asyncName] of STRIPPED_NAMES) expect(page).toContain(`\`${asyncName}\``);
    for (const name of AMBIGUOUS_NAMES) expect(page).toContain(`\`${name}\``);
  });
});

describe('the naming table in the README', () => {
  it('matches syncNameOf row by row', () => {
    const rows = tableIn('README.md', 'Async method | sync variant');
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const [asyncName, expected] of rows)
      expect(`${asyncName} -> ${syncNameOf(asyncName)}`).toBe(`${asyncName} -> ${expected}`);
  });
});

describe('the naming rules', () => {
  it('keeps the words SDKs are made of (issue 10), with what follows and after a prefix', () => {
    for (const word of KEPT_WORDS) {
      expect(syncNameOf(word)).toBe(`${word}Sync`);
      expect(syncNameOf(`${word}List`)).toBe(`${word}ListSync`);
      expect(syncNameOf(`a${word}`)).toBe(`${word}Sync`); // the prefix before an English word is a prefix
      expect(asyncNameOf(`${word}Sync`)).toBe(`a${word}`);
    }
  });

  it('strips the async prefix of the names issue 10 lists, archaic words (aread, asave) included', () => {
    for (const [asyncName, syncVariant] of STRIPPED_NAMES)
      expect(`${asyncName} -> ${syncNameOf(asyncName)}`).toBe(`${asyncName} -> ${syncVariant}`);
    for (const [asyncName, syncVariant] of STRIPPED_NAMES)
      expect(asyncNameOf(syncVariant)).toBe(
        asyncName[1] === asyncName[1]!.toUpperCase() ? `a${syncVariant.slice(0, -4)}` : asyncName,
      );
  });

  it('keeps every English leading word whole, whatever follows it', () => {
    for (const word of ENGLISH_A_WORDS) {
      expect(syncNameOf(word)).toBe(`${word}Sync`);
      expect(syncNameOf(`${word}All`)).toBe(`${word}AllSync`);
    }
  });

  it('finds exactly the known ambiguous names among common SDK verbs: a-prefixed verbs that are English words', () => {
    const ambiguous = SDK_VERBS.map((verb) => `a${verb}`).filter((name) => syncNameOf(name) === `${name}Sync`);
    expect(ambiguous).toEqual([...AMBIGUOUS_NAMES]);
  });

  it('round-trips a prefixed name through its sync variant', () => {
    for (const name of ['afoo', 'agetUser', 'aabort', 'aaddUser', 'alistAll'])
      expect(asyncNameOf(syncNameOf(name))).toBe(name);
  });
});

describe('runtime names equal the type-level names (types.test-d.ts holds the same lists)', () => {
  const generatedOn = (target: object) =>
    Object.getOwnPropertyNames(target).filter((name) => !['constructor', 'length', 'name', 'prototype'].includes(name));

  it('exposeSync with rename (map), exclude, a kept method and statics', () => {
    expect(generatedOn(Api.prototype).sort()).toEqual([...apiSyncNames].sort());
    expect(generatedOn(Api).sort()).toEqual([...apiStaticSyncNames].sort());
  });

  it('exposeAsync with rename (map), exclude and a kept method', () => {
    expect(generatedOn(AsyncLegacyApi.prototype).sort()).toEqual([...legacyAsyncNames].sort());
  });

  it('in every `methods` mode and with `include`, for promise-returning methods that are not async', () => {
    const modes = { default: SdkDefault, include: SdkInclude, all: SdkAll, allRenamed: SdkAllRenamed };
    for (const [mode, Sdk] of Object.entries(modes)) {
      expect([mode, generatedOn(Sdk.prototype).sort()]).toEqual([
        mode,
        [...sdkSyncNames[mode as keyof typeof modes]].sort(),
      ]);
    }
  });
});
