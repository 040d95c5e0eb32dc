/** Servers on the blocked thread: the worker's connection reports checked against this thread's listening addresses. */
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { netModule } from '../../lazy-builtins.js';

/** This thread's listening TCP servers (net.Server, http.Server...). Node keeps no public list: read its handles. */
export function listeningAddresses(): AddressInfo[] {
  const handles = (process as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  const { Server } = netModule();
  return handles.flatMap((handle) => {
    if (!(handle instanceof Server) || !handle.listening) return [];
    const address = handle.address();
    return address !== null && typeof address === 'object' ? [address] : [];
  });
}

export const formatAddress = ({ address, port }: { address: string; port: number }): string =>
  address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;

const plain = (address: string) => address.replace(/^::ffff:/, '');
const ANY = new Set(['0.0.0.0', '::']);

function isLocal(address: string): boolean {
  const ip = plain(address);
  if (ip.startsWith('127.') || ip === '::1') return true;
  return Object.values(networkInterfaces()).some((list) => list?.some((entry) => plain(entry.address) === ip));
}

/** The address this thread listens on that `to` reaches, if any. */
export function servedHere(to: { address: string; port: number }): string | undefined {
  const server = listeningAddresses().find(
    ({ address, port }) =>
      port === to.port && (ANY.has(address) ? isLocal(to.address) : plain(address) === plain(to.address)),
  );
  return server && formatAddress(to);
}
