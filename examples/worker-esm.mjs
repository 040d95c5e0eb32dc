// An ES module that awaits something first, then blocks: everything after the `await` runs inside a microtask,
// where the loop pump cannot block (sync() throws SyncContextError there). Relocatable targets take the worker.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SyncContextError, synced, workerDesynced, workerSynced } from 'asynchro-bridge';
import { WordsClient, fileDigest } from './worker-lib.mjs';

const lib = new URL('./worker-lib.mjs', import.meta.url);
const thisFile = fileURLToPath(import.meta.url);

const source = await readFile(thisFile, 'utf8'); // from here on we are inside a microtask
console.log(`read ${source.length} characters, now blocking from a microtask`);

// The pump refuses here, with a typed error instead of a hang:
assert.throws(() => synced(fileDigest)(thisFile), SyncContextError);
console.log('synced(fileDigest)(...)      -> SyncContextError (the pump cannot block inside a microtask)');

// A function, by module and export name:
const fileDigestSync = workerSynced(lib, 'fileDigest');
const digest = fileDigestSync(thisFile);
assert.equal(digest, await fileDigest(thisFile));
console.log(`workerSynced(lib, 'fileDigest')(...) -> ${digest}`);

// A relocatable class: the sync variant runs on a twin per instance, with its own state.
const client = new WordsClient('example');
const first = client.countWordsSync(thisFile);
const second = client.countWordsSync(thisFile);
console.log('client.countWordsSync(...)   ->', first, second);
assert.equal(first.label, 'example');
assert.equal(second.request, 2); // the twin keeps its state between calls
assert.equal(client.requests, 2); // ...and this instance gets the twin's data fields back after each call

// And the other way: CPU-heavy sync work offloaded, while this thread's timers keep running.
let ticks = 0;
const ticker = setInterval(() => ticks++, 10);
const primes = await workerDesynced(lib, 'countPrimes')(3_000_000);
clearInterval(ticker);
console.log(`workerDesynced(lib, 'countPrimes')(3e6) -> ${primes} primes; the timer ticked ${ticks} times meanwhile`);
assert.equal(primes, 216_816);
assert.ok(ticks > 0);
