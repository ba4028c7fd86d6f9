/**
 * What every authmail HTTP app shares, serve's and the worker's: request ids and the request log,
 * the JSON error body, the Authorization check with its 400 and 401, GET /healthz, GET /metrics,
 * the 404 and the last-resort error handler. Defined once, so both processes answer alike.
 */
import express, { type ErrorRequestHandler, type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { FieldIssue } from '../errors.ts';
import { requestIdFrom, type LogFields, type Logger } from '../logger.ts';
import { authorizationMatches } from './auth.ts';
import type { MetricsSource } from './send-queue.ts';

interface Locals {
  requestId: string;
  log: LogFields;
}

export const locals = (res: Response) => res.locals as Locals;

export function fail(res: Response, status: number, error: string, message: string, issues?: FieldIssue[]) {
  res.status(status).json({ error, message, requestId: locals(res).requestId, ...(issues && { issues }) });
}

/**
 * A refusal before the body was read. The connection is closed once the answer is out, so a
 * client still sending (or trickling) a body cannot hold it; nothing of the body is read.
 */
export function refuse(res: Response, status: number, error: string, message: string) {
  res.set('Connection', 'close');
  fail(res, status, error, message);
}

/**
 * An app whose every answer carries a request id and is logged (status, duration and the fields
 * a route adds to `locals(res).log`), with GET /healthz. `isDraining` true: connections are not
 * kept alive. Finish it with finishApp().
 */
export function createBaseApp({ logger, isDraining = () => false }: { logger: Logger; isDraining?: () => boolean }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFrom(req.get('x-request-id'));
    const started = performance.now();
    res.locals.requestId = requestId;
    res.locals.log = {};
    res.set({ 'X-Request-Id': requestId, 'Cache-Control': 'no-store' });
    if (isDraining()) res.set('Connection', 'close');
    res.on('finish', () => {
      const fields: LogFields = {
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
        ...locals(res).log,
      };
      if (res.statusCode >= 500) logger.error('request failed', fields);
      else if (res.statusCode >= 400) logger.warn('request rejected', fields);
      else logger.info('request', fields);
    });
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return app;
}

/** The Authorization check; `authorization` undefined (--insecure-no-auth on loopback) lets every request through. */
export function requireAuthorization(authorization: string | undefined): RequestHandler {
  return (req, res, next) => {
    // Node keeps only the first of repeated Authorization headers; which one counts must not be a guess.
    if ((req.headersDistinct.authorization?.length ?? 0) > 1) return refuse(res, 400, 'invalid_request', 'Send exactly one Authorization header');
    if (authorization === undefined || authorizationMatches(req.get('authorization'), authorization)) return next();
    res.set('WWW-Authenticate', 'Bearer');
    refuse(res, 401, 'unauthorized', 'Missing or wrong Authorization header');
  };
}

/** GET /metrics behind the Authorization: the Prometheus text, rendered at scrape time. */
export function serveMetrics(app: Express, authorization: string | undefined, metrics: MetricsSource) {
  app.get('/metrics', requireAuthorization(authorization), async (_req, res) => {
    res.set('Content-Type', metrics.contentType).send(await metrics.render());
  });
}

/** The 404 naming the app's routes and the error handler; added last. */
export function finishApp(app: Express, routes: string): Express {
  app.use((_req: Request, res: Response) => fail(res, 404, 'not_found', `Routes: ${routes}`));
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = Number(error?.status ?? error?.statusCode);
    if (status >= 400 && status < 500) return fail(res, status, 'invalid_request', 'The request could not be processed');
    // Unexpected: details go to the log only, the client gets the request id to quote.
    Object.assign(locals(res).log, { errorName: error?.name, errorMessage: String(error?.message ?? error), stack: error?.stack });
    if (res.headersSent) return;
    fail(res, 500, 'internal_error', 'Internal error');
  };
  app.use(onError);
  return app;
}
