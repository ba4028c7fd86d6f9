/**
 * Binds an app to host:port with limits suited to a webhook, and resolves once listening (rejects
 * on EADDRINUSE and the like). Node's own defaults (headers 60 s, request 300 s, no connection
 * cap) let a slow client hold a socket for minutes; the cap itself is kept so that slow clients
 * cannot lock out an authorized one (connections.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { answerClientErrors } from './client-errors.ts';
import type { ServeConfig } from './config.ts';
import { guardConnections } from './connections.ts';
import { silentLogger, type Logger } from '../logger.ts';

export interface Listening {
  server: Server;
  /** Base URL, e.g. http://127.0.0.1:8787 (port 0 resolved to the real port). */
  url: string;
  port: number;
}

export type ListenOptions = Pick<
  ServeConfig,
  'host' | 'port' | 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'maxConnections' | 'authorization'
>;

/** `logger` gets the answers Node gives without the app (408 and the like). */
export function listen(app: Express, options: ListenOptions, logger: Logger = silentLogger): Promise<Listening> {
  const { host, port, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, maxConnections, authorization } = options;
  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      // Node checks both timeouts on this interval (30 s by default), so it sets their precision.
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeoutMs / 4))),
    },
    app
  );
  // Not Node's maxConnections, which closes the newcomer: at the cap, the oldest unauthorized connection gives way.
  const guard = guardConnections(server, { maxConnections, authorization });
  answerClientErrors(server, guard, logger);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({ server, url: `http://${shownHost}:${address.port}`, port: address.port });
    });
  });
}
