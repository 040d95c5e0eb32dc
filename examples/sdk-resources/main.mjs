// The same SDK from an ES module after an await: the pump cannot block inside a microtask, so each call moves to a
// worker thread, on a twin of the client (its resources, its config as it is at the call), and comes back with the
// SDK's own error classes. The server runs in another process: this thread is blocked while the worker asks it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { collectStats } from 'asynchro-bridge/instrumentation';
import { terminateWorkers } from 'asynchro-bridge/worker';
import { ApiError, Client, NotFoundError } from './dist/sdk.mjs';

const server = spawn(process.execPath, [new URL('./server.mjs', import.meta.url).pathname], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const [port] = await once(server.stdout, 'data'); // from here on, every call is inside a microtask
const loggingFetch = (...args) => fetch(...args); // a custom fetch cannot cross: twinArgs leaves it out of the twin
const stats = collectStats(); // how each call blocked
const client = new Client({ baseUrl: `http://127.0.0.1:${String(port).trim()}`, fetch: loggingFetch });

console.log('users.getSync(1)          ->', client.users.getSync(1));
const names = [...client.users.iterAllSync(2)].map((user) => user.name);
console.log('users.iterAllSync(2)      ->', names);
assert.deepEqual(names, ['Ada', 'Grace', 'Edsger', 'Barbara', 'Donald']);
console.log('projects.listSync()       ->', client.projects.listSync(), '(after one retry of a 503)');
client.maxRetries = 0; // set after construction: the twin sees it at the next call
assert.throws(
  () => client.projects.listSync(),
  (error) => error instanceof ApiError && error.status === 503,
);
console.log('with maxRetries = 0       -> throws ApiError 503');
assert.throws(
  () => client.users.getSync(99),
  (error) => error instanceof NotFoundError && error.status === 404,
);
console.log('users.getSync(99)         -> throws NotFoundError 404 (the real class, from the worker)');
const strategies = new Set(stats.rows().flatMap((row) => Object.keys(row.strategies)));
console.log('every call blocked by     ->', [...strategies].join(', '));
assert.deepEqual([...strategies], ['worker']);
server.stdin.end();
await terminateWorkers();
