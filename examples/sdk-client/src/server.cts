// The loopback HTTP API the example talks to (an in-memory users table).
import { createServer, type Server } from 'node:http';

export function startUsersServer(): Server {
  const users = new Map([[1, { id: 1, name: 'Ada' }]]);
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const [, collection, id] = (request.url ?? '').split('/');
    if (collection !== 'users') return reply(404, `no route ${request.url}`);
    if (request.method === 'GET' && id === undefined) return reply(200, [...users.values()]);
    if (request.method === 'GET') {
      const user = users.get(Number(id));
      return user ? reply(200, user) : reply(404, `no user ${id}`);
    }
    if (request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk));
      request.on('end', () => {
        const user = { id: users.size + 1, name: (JSON.parse(body) as { name: string }).name };
        users.set(user.id, user);
        reply(201, user);
      });
      return;
    }
    reply(405, 'method not allowed');
  });
  return server.listen(0, '127.0.0.1');
}
