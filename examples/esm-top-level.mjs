// At an ES module's top level, code runs inside a microtask, where turning the event loop would hang forever.
// asynchro notices and throws a typed SyncContextError at once. This script shows the error, then the right ways:
// `await`, or blocking from a timer or setImmediate callback. Run it: `node examples/esm-top-level.mjs`.
import { readFile } from 'node:fs/promises';
import { sync, SyncContextError } from 'asynchro-bridge';

async function readPackageName() {
  const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  return manifest.name;
}

// 1. Wrong place: sync at module top level.
try {
  sync(readPackageName);
} catch (error) {
  if (!(error instanceof SyncContextError)) throw error;
  console.log(`top level: ${error.name} for ${error.functionName}():\n  ${error.message}`);
}

// 2. Right: in ESM, just await.
console.log(`await: ${await readPackageName()}`);

// 3. Right: block from a callback the event loop runs (a timer, setImmediate, I/O): not a microtask.
setTimeout(() => {
  console.log(`setTimeout callback + sync: ${sync(readPackageName)}`);
  setImmediate(() => console.log(`setImmediate callback + sync: ${sync(readPackageName)}`));
}, 0);
