// The SDK from TypeScript, compiled to CommonJS: every generated method is fully typed.
// The calls run at CommonJS top level, where the loop pump can block (as in timer, immediate and socket callbacks;
// not in an fs callback, where a blocking call is refused).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { awaitSync } from 'asynchro-bridge';
import { describeVariants } from 'asynchro-bridge/introspection';
import { ApiError, UsersClient, type User } from './client.cjs';
import { startUsersServer } from './server.cjs';

const server = startUsersServer();
awaitSync(once(server, 'listening')); // the server runs in this very process: the pump keeps its loop turning
const client = new UsersClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);

const ada: User = client.getUserSync(1);
console.log('getUserSync(1)            ->', ada);
assert.deepEqual(ada, { id: 1, name: 'Ada' });

const grace: User = client.createUserSync('Grace');
console.log("createUserSync('Grace')   ->", grace);
assert.deepEqual(grace, { id: 2, name: 'Grace' });

const names: string[] = client.listUsersSync().map((user) => user.name);
console.log('listUsersSync() names     ->', names);
assert.deepEqual(names, ['Ada', 'Grace']);

try {
  client.getUserSync(404);
  assert.fail('expected ApiError');
} catch (error) {
  assert.ok(error instanceof ApiError); // the very error the async method rejected with
  console.log('getUserSync(404) throws   ->', `${error.name} ${error.status}: ${error.message}`);
  assert.equal(error.status, 404);
}

console.log(
  'generated:',
  describeVariants(UsersClient).map(({ method, variant, reason }) => `${method} -> ${variant} (${reason})`),
);
server.close();
