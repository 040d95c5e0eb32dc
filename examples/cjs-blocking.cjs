// A plain CommonJS script that blocks on real async work with asynchro-bridge: a file read and an HTTP request to a
// loopback server it starts itself. Run it: `node examples/cjs-blocking.cjs`.
'use strict';
const http = require('node:http');
const { once } = require('node:events');
const { readFile } = require('node:fs/promises');
const { awaitSync, sync, synced } = require('asynchro-bridge');
const { pumpDepth } = require('asynchro-bridge/instrumentation');

/** An ordinary async client function, as an SDK would have it. */
async function getText(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () =>
          response.statusCode === 200 ? resolve(body) : reject(new HttpError(response.statusCode, url)),
        );
      })
      .on('error', reject);
  });
}

class HttpError extends Error {
  constructor(status, url) {
    super(`GET ${url} answered ${status}`);
    this.name = 'HttpError';
    this.status = status;
  }
}

// The blocking variant, made once: same name and arity, no new code.
const getTextSync = synced(getText);

// CommonJS top level is not inside a microtask, so asynchro can turn the event loop here.
const server = http.createServer((request, response) => {
  if (request.url === '/hello') response.end(`hello from ${request.socket.localAddress}:${request.socket.localPort}`);
  else response.writeHead(404).end();
});
// Even the listen can be waited for. Subscribe before starting it: a blocking call first runs the callbacks
// already queued (here the 'listening' event), and only then calls the function you pass.
const listening = once(server, 'listening');
server.listen(0, '127.0.0.1');
awaitSync(listening);
const base = `http://127.0.0.1:${server.address().port}`;

const source = sync(readFile, __filename, 'utf8');
console.log(`read ${source.split('\n').length} lines of ${require('node:path').basename(__filename)}`);

console.log(`GET /hello -> ${getTextSync(`${base}/hello`)}`);

try {
  getTextSync(`${base}/missing`);
} catch (error) {
  // the rejection comes back as the very error the async code threw
  console.log(
    `GET /missing -> ${error.name} ${error.status}: ${error.message} (instanceof HttpError: ${error instanceof HttpError})`,
  );
}

console.log(`pump depth after the calls: ${pumpDepth()}`);
server.close(); // closes idle keep-alive connections too: the process exits by itself
