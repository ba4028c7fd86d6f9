/**
 * The connection cap, kept so that Logto is always served. Node's own `maxConnections` closes
 * the connection that arrives at the cap: 256 clients that open a connection and send their
 * headers slowly (no token needed: the token is in the headers) then lock Logto out until each
 * one's headers timeout. Here the cap is kept the other way round: a connection arriving at the
 * cap closes the oldest connection that has no authorized request in progress, and only when
 * every connection has one is the new connection closed instead.
 *
 * Until its headers are in, nobody can tell Logto's connection from an attacker's; it is the
 * newest one then, and so the last to give way: it is closed only if as many connections as the
 * cap arrive before its headers do. Connections that never carried an authorized request go
 * first, so a connection Logto keeps alive between sends outlives the ones an attacker churns.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { authorizationMatches } from './auth.ts';

interface Tracked {
  /** Requests with the right Authorization (every request without one configured) not yet answered. */
  authorizedInProgress: number;
  /** A request with the right Authorization came on it once: it is Logto's. */
  authorized: boolean;
  /** The request being answered on it, if any (client-errors.ts answers a timeout under its id). */
  response?: ServerResponse;
}

export interface ConnectionGuard {
  /** The response in progress on `socket`, if a request's headers are in and it is not answered yet. */
  responseOn(socket: Socket): ServerResponse | undefined;
}

export function guardConnections(
  server: Server,
  { maxConnections, authorization }: { maxConnections: number; authorization: string | undefined }
): ConnectionGuard {
  // Map order is arrival order: the first evictable entry is the oldest.
  const open = new Map<Socket, Tracked>();

  const evictable = (preferNew: boolean) => {
    for (const [socket, tracked] of open) if (tracked.authorizedInProgress === 0 && (!preferNew || !tracked.authorized)) return socket;
    return undefined;
  };

  server.on('connection', (socket: Socket) => {
    if (open.size >= maxConnections) {
      const victim = evictable(true) ?? evictable(false);
      if (!victim) return void socket.destroy();
      open.delete(victim);
      victim.destroy();
    }
    open.set(socket, { authorizedInProgress: 0, authorized: false });
    socket.once('close', () => open.delete(socket));
  });

  // Before the app's own listener: it may answer at once, and the answer must be seen to end.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const tracked = open.get(req.socket);
    if (!tracked) return;
    tracked.response = res;
    const authorized = authorization === undefined || authorizationMatches(req.headers.authorization, authorization);
    if (authorized) {
      tracked.authorized = true;
      tracked.authorizedInProgress++;
    }
    res.once('close', () => {
      if (authorized) tracked.authorizedInProgress--;
      if (tracked.response === res) tracked.response = undefined;
    });
  });

  return { responseOn: (socket) => open.get(socket)?.response };
}
