// The per-call cost of `sync` on work settled by setImmediate (one loop turn per call), tight loop, with
// the event loop holding a lot: 100,000 pending timers (each its own duration, so 100,000 timer lists) or 1,000 idle
// loopback TCP connections (2,000 sockets, both ends in this process). Target: flat (within 5% of a plain loop).
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { sync } from 'asynchro-bridge';
import { TIGHT_TARGET } from '../lib/precision.mjs';

const nextTurn = (x) => new Promise((resolve) => setImmediate(resolve, x + 1));
const noop = () => {};
const PLAIN = 'plain event loop';
const GROUP = 'scale · loop population · sync on setImmediate work, tight loop';
let kept;

let timers = [];
let server;
let sockets = [];

const run = (n) => {
  for (let i = 0; i < n; i++) kept = sync(nextTurn, i);
};

export default [
  { group: GROUP, name: PLAIN, baseline: true, run, ...TIGHT_TARGET },
  {
    group: GROUP,
    ...TIGHT_TARGET,
    name: '100,000 pending timers',
    setup: () => {
      for (let i = 0; i < 100_000; i++) timers.push(setTimeout(noop, 3_600_000 + i));
    },
    teardown: () => {
      timers.forEach(clearTimeout);
      timers = [];
    },
    run,
    targets: [{ vs: PLAIN, max: 1.05 }],
  },
  {
    group: GROUP,
    ...TIGHT_TARGET,
    name: '1,000 idle TCP connections',
    setup: async () => {
      server = createServer((socket) => sockets.push(socket));
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const { port } = server.address();
      for (let i = 0; i < 1000; i++) {
        const socket = connect(port, '127.0.0.1');
        sockets.push(socket);
        await once(socket, 'connect');
      }
      while (sockets.length < 2000) await new Promise((resolve) => setImmediate(resolve));
    },
    teardown: async () => {
      for (const socket of sockets) socket.destroy();
      sockets = [];
      server.close();
      await once(server, 'close');
    },
    run,
    targets: [{ vs: PLAIN, max: 1.05 }],
  },
];
void kept;
