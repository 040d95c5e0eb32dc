// An HTTP GET to a node:http server in the same process, over one keep-alive connection: the request is
// measured, not TCP setup.
import { Agent, createServer, get } from 'node:http';
import { pumpCases } from '../lib/pump-cases.mjs';

let server;
let agent;
let port;

const request = () =>
  new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
      let body = '';
      response
        .setEncoding('utf8')
        .on('data', (chunk) => (body += chunk))
        .on('end', () => resolve(body));
    }).on('error', reject);
  });

export default pumpCases('loopback HTTP GET (keep-alive)', {
  setup: async () => {
    server = createServer((_, response) => response.end('ok'));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  },
  work: request,
  teardown: async () => {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  },
  maxVsAwait: 1.1,
  warmupMs: 1500, // the HTTP stack on both ends needs about a second of calls before its cost settles
});
