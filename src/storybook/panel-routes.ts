/**
 * The client panel's routes on the Storybook dev server (serve only; a static build has none):
 * POST /__authmail/inspect and /__authmail/send, answered by the render worker (panel-worker.ts).
 * They render and send mail, so they answer only a dev server that listens on loopback, a
 * request from loopback, and a page of the same origin (a site open in the browser cannot post
 * here: its Origin differs).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import type { ViteDevServer } from 'vite';
import { isLoopback } from '../net.ts';
import { inspectRoute, type PanelError, type PanelRequest, type SendRequest, sendRoute } from './panel-protocol.ts';

/** What decides whether a request may use the routes. */
export interface RequestOrigin {
  /** The address the server listens on (`::` or `0.0.0.0` when every interface). */
  listening: string | undefined;
  remote: string | undefined;
  origin?: string;
  host?: string;
}

/** Why the request is refused, naming the fix; undefined when it may proceed. */
export function panelRefusal({ listening, remote, origin, host }: RequestOrigin): string | undefined {
  if (!listening || !isLoopback(listening))
    return `the Storybook dev server listens on ${listening ?? 'an unknown address'}, not on loopback; the client panel renders and sends mail only from a dev server on 127.0.0.1: run \`authmail dev\` without --host (or storybook dev --host 127.0.0.1)`;
  if (!remote || !isLoopback(remote)) return 'the request does not come from this machine; the client panel answers loopback only';
  if (origin !== undefined && (!URL.canParse(origin) || new URL(origin).host !== host))
    return `the request comes from another site (${origin}); the client panel answers its own Storybook page only`;
  return undefined;
}

function originOf(request: IncomingMessage): RequestOrigin {
  const listening = (request.socket as { server?: Server }).server?.address();
  return {
    listening: typeof listening === 'object' && listening ? listening.address : undefined,
    remote: request.socket.remoteAddress,
    origin: request.headers.origin,
    host: request.headers.host,
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function reply(response: ServerResponse, status: number, body: unknown) {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.setHeader('cache-control', 'no-store');
  response.end(JSON.stringify(body));
}

type Call = <T>(op: 'inspect' | 'send', extra: { request: PanelRequest | SendRequest }) => Promise<T>;

export function registerPanelRoutes(server: ViteDevServer, call: Call) {
  for (const [route, op] of [
    [inspectRoute, 'inspect'],
    [sendRoute, 'send'],
  ] as const) {
    server.middlewares.use(route, (request, response) => {
      void (async () => {
        if (request.method !== 'POST') return reply(response, 405, { ok: false, error: `${route} takes POST` } satisfies PanelError);
        const refusal = panelRefusal(originOf(request));
        if (refusal) return reply(response, 403, { ok: false, error: refusal } satisfies PanelError);
        let body: PanelRequest | SendRequest;
        try {
          body = (await readJson(request)) as PanelRequest | SendRequest;
        } catch (error) {
          return reply(response, 400, { ok: false, error: `the request body is not JSON: ${(error as Error).message}` } satisfies PanelError);
        }
        try {
          const result = await call<{ ok: boolean }>(op, { request: body });
          reply(response, result.ok ? 200 : 422, result);
        } catch (error) {
          reply(response, 422, { ok: false, error: (error as Error).message } satisfies PanelError);
        }
      })();
    });
  }
}
