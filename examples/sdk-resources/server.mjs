// The loopback HTTP API the example talks to, run as its own process (prints its port): a caller blocked on the
// worker path holds its thread, so the server must not share it.
import { createServer } from 'node:http';

const users = new Map(
  [1, 2, 3, 4, 5].map((id) => [id, { id, name: ['Ada', 'Grace', 'Edsger', 'Barbara', 'Donald'][id - 1] }]),
);
let projectCalls = 0;

const server = createServer((request, response) => {
  const reply = (status, body) => {
    response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const url = new URL(request.url ?? '/', 'http://localhost');
  const [, collection, id] = url.pathname.split('/');
  if (collection === 'projects') {
    // Every other request fails: a client with retries gets through, one with maxRetries = 0 does not.
    return ++projectCalls % 2 === 1 ? reply(503, 'busy, try again') : reply(200, [{ id: 1, title: 'asynchro' }]);
  }
  if (collection !== 'users') return reply(404, `no route ${url.pathname}`);
  if (request.method === 'GET' && id === undefined) {
    const page = Number(url.searchParams.get('page') ?? 0);
    const size = Number(url.searchParams.get('size') ?? 2);
    const all = [...users.values()];
    return reply(200, { data: all.slice(page * size, (page + 1) * size), hasMore: (page + 1) * size < all.length });
  }
  if (request.method === 'GET') {
    const user = users.get(Number(id));
    return user ? reply(200, user) : reply(404, `no user ${id}`);
  }
  if (request.method === 'POST') {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const user = { id: users.size + 1, name: JSON.parse(body).name };
      users.set(user.id, user);
      reply(201, user);
    });
    return;
  }
  reply(405, 'method not allowed');
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0)).resume(); // the example ended (it closed our stdin)
