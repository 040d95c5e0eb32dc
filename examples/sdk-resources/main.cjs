// The SDK from CommonJS: the blocking methods run at top level, on this thread (the loop pump).
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const { awaitSync } = require('asynchro-bridge');
const { collectStats } = require('asynchro-bridge/instrumentation');
const { describeVariants } = require('asynchro-bridge/introspection');
const { ApiError, Client, NotFoundError, Users } = require('./dist/sdk.cjs');

const server = spawn(process.execPath, [require.resolve('./server.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
const [port] = awaitSync(once(server.stdout, 'data'));
const stats = collectStats(); // how each call blocked
const client = new Client({ baseUrl: `http://127.0.0.1:${String(port).trim()}` });

console.log('users.getSync(1)          ->', client.users.getSync(1));
console.log("users.createSync('Ken')   ->", client.users.createSync('Ken'));
const firstThree = [];
for (const user of client.users.iterAllSync(2)) {
  firstThree.push(user.name); // each page is fetched when the loop needs it
  if (firstThree.length === 3) break; // closes the paginator
}
console.log('users.iterAllSync(2)      ->', firstThree, '(then break)');
assert.deepEqual(firstThree, ['Ada', 'Grace', 'Edsger']);
console.log('projects.listSync()       ->', client.projects.listSync(), '(after one retry of a 503)');
client.maxRetries = 0;
assert.throws(
  () => client.projects.listSync(),
  (error) => error instanceof ApiError && error.status === 503,
);
console.log('with maxRetries = 0       -> throws ApiError 503');
try {
  client.users.getSync(99);
} catch (error) {
  assert.ok(error instanceof NotFoundError);
  console.log('users.getSync(99)         -> throws', `${error.name} ${error.status}: ${error.message}`);
}
console.log(
  'Users variants:',
  describeVariants(Users)
    .map(({ method, variant }) => `${method} -> ${variant}`)
    .join(', '),
);
const strategies = new Set(stats.rows().flatMap((row) => Object.keys(row.strategies)));
console.log('every call blocked by     ->', [...strategies].join(', '));
assert.ok(!strategies.has('worker')); // pump, or direct for a call that returned no promise (the paginator itself)
server.stdin.end();
