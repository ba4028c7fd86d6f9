/** Binds an app to host:port and resolves once listening (rejects on EADDRINUSE and the like). */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface Listening {
  server: Server;
  /** Base URL, e.g. http://127.0.0.1:8787 (port 0 resolved to the real port). */
  url: string;
  port: number;
}

export function listen(app: Express, { host, port }: { host: string; port: number }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({ server, url: `http://${shownHost}:${address.port}`, port: address.port });
    });
  });
}
