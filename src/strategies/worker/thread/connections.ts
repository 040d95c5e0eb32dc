/**
 * On the worker thread of blocking calls: its TCP connections, reported so that the caller can tell a target waiting
 * on a server of the blocked thread (calling/loopback.ts) instead of timing out.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import type { ConnectionNotice } from '../wire/protocol.js';

/** Reports every TCP client connection (net, http, fetch) through `post`. */
export function reportConnections(post: (notice: ConnectionNotice) => void): void {
  let next = 1;
  subscribe('net.client.socket', (message) => {
    const { socket } = message as { socket: Socket };
    const connection = next++;
    socket.once('connect', () => {
      if (socket.remotePort === undefined || socket.remoteAddress === undefined) return; // a pipe, not TCP
      post({ connection, to: { address: socket.remoteAddress, port: socket.remotePort } });
      socket.once('close', () => post({ connection }));
    });
  });
}
