// The relocatable side of examples/worker-esm.mjs: everything here can be imported by a worker thread, by its
// module URL and export name. No side effects at the top level: the worker imports this file too.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { exposeSync } from 'asynchro-bridge';

/** An async function: reads a file and hashes it. */
export async function fileDigest(path) {
  const bytes = await readFile(path);
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** CPU-heavy sync work, to offload with workerDesynced. */
export function countPrimes(below) {
  let count = 0;
  for (let n = 2; n < below; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++)
      if (n % d === 0) {
        prime = false;
        break;
      }
    if (prime) count++;
  }
  return count;
}

/** A small SDK-style client with state: each instance counts its own requests. */
class WordsClientBase {
  constructor(label) {
    this.label = label;
    this.requests = 0;
  }

  async acountWords(path) {
    this.requests++;
    await sleep(5); // stands for network latency
    const text = await readFile(path, 'utf8');
    return { label: this.label, words: text.split(/\s+/).filter(Boolean).length, request: this.requests };
  }
}

// `module` makes the class relocatable: where the loop pump cannot block, countWordsSync() runs on a twin
// instance built in the worker thread with the same constructor arguments.
export const WordsClient = exposeSync(WordsClientBase, { module: import.meta.url, exportName: 'WordsClient' });
