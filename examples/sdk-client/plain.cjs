// The same SDK from a plain CommonJS script: no types, no decorators, just the generated methods.
const assert = require('node:assert/strict');
const { once } = require('node:events');
const { awaitSync } = require('asynchro-bridge');
const { UsersClient } = require('./dist/client.cjs');
const { startUsersServer } = require('./dist/server.cjs');

const server = startUsersServer();
awaitSync(once(server, 'listening'));
const client = new UsersClient(`http://127.0.0.1:${server.address().port}`);

const user = client.getUserSync(1);
console.log('client.getUserSync(1) ->', user);
assert.deepEqual(user, { id: 1, name: 'Ada' });
assert.throws(() => client.getUserSync(7), { name: 'ApiError', status: 404, message: 'no user 7' });
console.log('client.getUserSync(7) -> throws ApiError 404');
server.close();
