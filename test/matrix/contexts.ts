/**
 * The calling contexts of the matrix: each one is a script body that runs `RUN` (the expression that runs every
 * cell and reports) from a different place. One child process per context.
 */
export type ContextName =
  | 'cjs-top-level'
  | 'setTimeout'
  | 'setImmediate'
  | 'process.nextTick'
  | 'EventEmitter'
  | 'http-request-handler'
  | 'fs-callback'
  | 'read-stream-data'
  | 'dns.lookup'
  | 'worker-thread'
  | 'then'
  | 'after-await'
  | 'esm-top-level';

export interface CallingContext {
  name: ContextName;
  kind: 'cjs' | 'mjs';
  /** Script body; `run()` runs every cell there and prints the result. */
  body: string;
}

export const contexts: CallingContext[] = [
  { name: 'cjs-top-level', kind: 'cjs', body: 'run();' },
  { name: 'setTimeout', kind: 'cjs', body: 'setTimeout(run, 1);' },
  { name: 'setImmediate', kind: 'cjs', body: 'setImmediate(run);' },
  { name: 'process.nextTick', kind: 'cjs', body: 'process.nextTick(run);' },
  {
    // a handler emitted from a socket's I/O callback (connected to the loopback server, then closed)
    name: 'EventEmitter',
    kind: 'cjs',
    body: `const emitter = new (require('node:events'))();
emitter.on('ready', run);
require('node:net').connect(port, '127.0.0.1', function () {
  this.destroy();
  emitter.emit('ready');
});`,
  },
  {
    // an HTTP server's request handler; the server stops listening and the connection ends before the cells run
    name: 'http-request-handler',
    kind: 'cjs',
    body: `const http = require('node:http');
const server = http.createServer((request, response) => {
  response.end();
  request.socket.destroy();
  server.close();
  run();
});
server.listen(0, '127.0.0.1', () => http.get({ host: '127.0.0.1', port: server.address().port, agent: false }).on('error', () => {}));`,
  },
  // thread-pool completion callbacks (and events emitted from one), where libuv hides the loop's async handles
  { name: 'fs-callback', kind: 'cjs', body: `require('node:fs').stat(__filename, run);` },
  {
    name: 'read-stream-data',
    kind: 'cjs',
    body: `const stream = require('node:fs').createReadStream(__filename, { highWaterMark: 64 });
stream.once('data', () => {
  stream.destroy();
  run();
});`,
  },
  { name: 'dns.lookup', kind: 'cjs', body: `require('node:dns').lookup('localhost', run);` },
  {
    // a CommonJS script running at the top level of a worker thread; the main thread relays its outcomes
    name: 'worker-thread',
    kind: 'cjs',
    body: `const threads = require('node:worker_threads');
if (threads.isMainThread) new threads.Worker(__filename, { workerData: { port } }).on('message', finish);
else threads.parentPort.postMessage(runCells(blockOn, port));`,
  },
  { name: 'then', kind: 'cjs', body: 'Promise.resolve().then(run);' },
  { name: 'after-await', kind: 'cjs', body: '(async () => {\n  await null;\n  run();\n})();' },
  { name: 'esm-top-level', kind: 'mjs', body: 'run();' },
];

/** Contexts where the loop pump can turn the event loop (not inside a microtask). */
export const pumpableContexts: ReadonlySet<ContextName> = new Set([
  'cjs-top-level',
  'setTimeout',
  'setImmediate',
  'process.nextTick',
  'EventEmitter',
  'http-request-handler',
  'worker-thread',
]);

/** Thread-pool completion callbacks: the pump refuses there before starting the work (src/strategies/thread-pool.ts). */
export const threadPoolContexts: ReadonlySet<ContextName> = new Set(['fs-callback', 'read-stream-data', 'dns.lookup']);

/** The full script for one context and one strategy's `blockOn` source. */
export function scriptFor(context: CallingContext, blockOnSource: string, cellsUrl: string): string {
  const header =
    context.kind === 'cjs'
      ? `'use strict';
const { runCells, finish, startLoopbackServer } = require(${JSON.stringify(new URL(cellsUrl).pathname)});
const { isMainThread, workerData } = require('node:worker_threads');`
      : `import { runCells, finish, startLoopbackServer } from ${JSON.stringify(cellsUrl)};
import { isMainThread, workerData } from 'node:worker_threads';`;
  return `${header}
// context: ${context.name}
const blockOn = ${blockOnSource};
const port = isMainThread ? startLoopbackServer() : workerData.port;
function run() {
  finish(runCells(blockOn, port));
}
${context.body}
`;
}
