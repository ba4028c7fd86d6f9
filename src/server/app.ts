/**
 * The HTTP app behind Logto's HTTP email connector. A factory over its parts (renderer,
 * transport, logger) so tests run it with real ones; it holds no state between requests.
 *
 *   POST /send   { to, type, payload, ip? } → render (value mode) → SMTP → 200 { messageId }
 *   GET /healthz process up            GET /readyz SMTP reachable
 */
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { matchLocale } from '../locales.ts';
import type { Renderer } from '../render/pipeline.ts';
import type { RenderedEmail } from '../render/types.ts';
import { InvalidInputError, issuesOf, type FieldIssue } from '../schema/brand.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { authorizationMatches } from './auth.ts';
import type { ServeConfig } from './config.ts';
import { requestIdFrom, type LogFields, type Logger } from './logger.ts';
import { requestedLocale, sendRequestSchema, usageTypeOf } from './send-request.ts';
import { composeMessage, type MailTransport } from './transport.ts';

export interface AppOptions {
  renderer: Renderer;
  transport: MailTransport;
  logger: Logger;
  config: Pick<ServeConfig, 'authorization' | 'mailFrom' | 'defaultLocale' | 'bodyLimit'>;
  /** True once shutdown began: readiness fails and connections are not kept alive. */
  isDraining?: () => boolean;
}

interface Locals {
  requestId: string;
  log: LogFields;
}

const locals = (res: Response) => res.locals as Locals;

function fail(res: Response, status: number, error: string, message: string, issues?: FieldIssue[]) {
  res.status(status).json({ error, message, requestId: locals(res).requestId, ...(issues && { issues }) });
}

/** Body-parser failures carry a `type`; map each to the status the contract promises. */
const bodyErrorStatus: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'payload_too_large', 'The request body is larger than the limit'],
  'entity.parse.failed': [400, 'invalid_json', 'The request body is not valid JSON'],
  'entity.verify.failed': [400, 'invalid_json', 'The request body could not be verified'],
  'request.size.invalid': [400, 'invalid_request', 'The request body length does not match Content-Length'],
  'request.aborted': [400, 'invalid_request', 'The request was aborted'],
  'charset.unsupported': [415, 'unsupported_media_type', 'Send the body as UTF-8 JSON'],
  'encoding.unsupported': [415, 'unsupported_media_type', 'Unsupported Content-Encoding'],
};

export function createApp({ renderer, transport, logger, config, isDraining = () => false }: AppOptions) {
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

  app.get('/readyz', async (_req, res) => {
    if (isDraining()) return void res.status(503).json({ status: 'draining' });
    try {
      await transport.verify();
      res.json({ status: 'ready' });
    } catch (error) {
      locals(res).log = smtpFields(error);
      res.status(503).json({ status: 'smtp_unreachable' });
    }
  });

  const requireAuthorization = (req: Request, res: Response, next: NextFunction) => {
    if (config.authorization === undefined || authorizationMatches(req.get('authorization'), config.authorization)) return next();
    res.set('WWW-Authenticate', 'Bearer');
    fail(res, 401, 'unauthorized', 'Missing or wrong Authorization header');
  };

  const requireJson = (req: Request, res: Response, next: NextFunction) => {
    if (req.is('application/json')) return next();
    fail(res, 415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
  };

  app.post('/send', requireAuthorization, requireJson, express.json({ limit: config.bodyLimit, type: () => true }), async (req, res) => {
    const envelope = sendRequestSchema.safeParse(req.body);
    if (!envelope.success) return fail(res, 400, 'invalid_request', 'The request body is not a valid send request', issuesOf(envelope.error));
    const { to, type: requestedType, payload } = envelope.data;
    const log = locals(res).log;
    log.requestedType = requestedType.slice(0, 100);

    const locale = matchLocale(requestedLocale(payload), config.defaultLocale, renderer.catalog);
    const rendered = await renderPayload(usageTypeOf(requestedType), locale, payload);
    if ('issues' in rendered) {
      log.fields = rendered.issues.map((issue) => issue.path);
      return fail(res, 400, 'invalid_payload', `The payload is not valid for ${rendered.type}`, rendered.issues);
    }
    const { email } = rendered;
    Object.assign(log, { type: email.type, locale: email.locale });

    let messageId: string;
    try {
      const info = await transport.sendMail(composeMessage(email, { from: config.mailFrom, to }));
      if (info.accepted.length !== 1 || info.rejected.length) throw Object.assign(new Error('recipient not accepted'), { code: 'EENVELOPE' });
      messageId = info.messageId;
    } catch (error) {
      Object.assign(log, smtpFields(error));
      // 502: Logto reports a failed send and the user can retry; never 200 for an undelivered message.
      return fail(res, 502, 'smtp_failed', 'The SMTP server did not accept the message');
    }
    log.messageId = messageId;
    res.json({ messageId });
  });

  /** Value-mode render of the payload; a payload that fails its type's schema yields its field issues. */
  async function renderPayload(
    type: UsageType,
    locale: string,
    payload: Record<string, unknown>
  ): Promise<{ email: RenderedEmail } | { type: UsageType; issues: FieldIssue[] }> {
    try {
      return { email: await renderer.render(type, { locale, mode: 'value', variables: payload }) };
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      return { type, issues: error.issues.map((issue) => ({ path: issue.path === '(root)' ? 'payload' : `payload.${issue.path}`, message: issue.message })) };
    }
  }

  app.use((_req: Request, res: Response) => fail(res, 404, 'not_found', 'Routes: POST /send, GET /healthz, GET /readyz'));

  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    const known = typeof error?.type === 'string' ? bodyErrorStatus[error.type] : undefined;
    if (known) return fail(res, ...known);
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

/** What an SMTP failure may contribute to a log line: codes, never addresses or credentials. */
function smtpFields(error: unknown): LogFields {
  const { code, responseCode, command } = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  return {
    errorCode: typeof code === 'string' ? code : undefined,
    smtpResponseCode: typeof responseCode === 'number' ? responseCode : undefined,
    smtpCommand: typeof command === 'string' ? command.split(' ')[0] : undefined,
  };
}
