/**
 * The naming convention between an async method and its blocking variant. `SyncName` / `AsyncName` in ./types.ts
 * spell the same rules as types; test/decorators/ holds them equal.
 *
 * Async name to sync name, first rule that applies:
 * 1. `a` + an uppercase ASCII letter: drop the `a`, lowercase that letter, add `Sync` (`aGetUser` -> `getUserSync`).
 * 2. `a` + a lowercase ASCII letter, unless the name's leading word is in `ENGLISH_A_WORDS`: drop the `a`, add `Sync`
 *    (`agetUser` -> `getUserSync`, but `abort` and `accounts` -> rule 3).
 * 3. Otherwise add `Sync` (`abort` -> `abortSync`, `getUser` -> `getUserSync`).
 *
 * Sync name to async name: drop a `Sync` suffix (when something precedes it) and put `a` in front
 * (`getUserSync` -> `agetUser`, `compute` -> `acompute`).
 */

import { A_WORDS, type EnglishAWord } from './words.js';

/** English words starting with `a`, sorted, so that `abort()` becomes `abortSync()`, not `bortSync()`. */
export const ENGLISH_A_WORDS: readonly EnglishAWord[] = Object.freeze(A_WORDS.split(' ') as EnglishAWord[]);

const SYNC_SUFFIX = 'Sync';
const LOWER_A = 97; // 'a'

/** The longest run of lowercase ASCII letters at the start of `name`. */
function leadingWord(name: string): string {
  let end = 0;
  while (isLowerAt(name, end)) end++;
  return name.slice(0, end);
}

/**
 * Verdicts by leading word: an SDK's methods share a few (`aget`, `alist`). Emptied when full, so names made at run
 * time cannot grow it without bound.
 */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 1024;

function isEnglishAWord(word: string): boolean {
  let verdict = verdicts.get(word);
  if (verdict === undefined) {
    verdict = isListed(word);
    if (verdicts.size === MAX_VERDICTS) verdicts.clear();
    verdicts.set(word, verdict);
  }
  return verdict;
}

/**
 * A binary search of the sorted list. Not a Set: building one hashes every word during a process's first
 * decoration, for a few searches (bench: `first decoration in a fresh process`).
 */
function isListed(word: string): boolean {
  let low = 0;
  let high = ENGLISH_A_WORDS.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const candidate = ENGLISH_A_WORDS[middle]!;
    if (candidate === word) return true;
    if (candidate < word) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

// Character codes, not one-character strings: a first decoration names hundreds of methods.
function isUpperAt(name: string, index: number): boolean {
  const code = name.charCodeAt(index); // NaN past the end
  return code >= 65 && code <= 90; // A-Z
}

function isLowerAt(name: string, index: number): boolean {
  const code = name.charCodeAt(index);
  return code >= 97 && code <= 122; // a-z
}

/** The default name of the blocking variant of async method `asyncName`. */
export function syncNameOf(asyncName: string): string {
  if (asyncName.charCodeAt(0) === LOWER_A) {
    if (isUpperAt(asyncName, 1)) return `${asyncName[1]!.toLowerCase()}${asyncName.slice(2)}${SYNC_SUFFIX}`;
    if (isLowerAt(asyncName, 1) && !isEnglishAWord(leadingWord(asyncName)))
      return `${asyncName.slice(1)}${SYNC_SUFFIX}`;
  }
  return `${asyncName}${SYNC_SUFFIX}`;
}

/** The default name of the async variant of sync method `syncName`. */
export function asyncNameOf(syncName: string): string {
  const base =
    syncName.length > SYNC_SUFFIX.length && syncName.endsWith(SYNC_SUFFIX)
      ? syncName.slice(0, -SYNC_SUFFIX.length)
      : syncName;
  return `a${base}`;
}
