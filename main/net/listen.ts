import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Why a server could not start, in words for the person who started it. */
export class ListenError extends Error {
  constructor(readonly reason: 'inUse' | 'unavailable' | 'other', readonly host: string, readonly port: number, cause: unknown) {
    super(`cannot listen on ${host}:${port}: ${String(cause)}`);
    this.name = 'ListenError';
  }
}

/** Listen on exactly host:port; a port in use is a ListenError, never an unhandled 'error'. */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const reason = err.code === 'EADDRINUSE' ? 'inUse' : err.code === 'EADDRNOTAVAIL' ? 'unavailable' : 'other';
      reject(new ListenError(reason, host, port, err.code ?? err));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      // Later socket errors are logged by the owner; they must never crash the process.
      server.on('error', () => {});
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A URL host part: IPv6 literals in brackets, the wildcard shown as loopback. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
