/**
 * The HTTP app behind Logto's HTTP email connector. A factory over its parts (renderer,
 * transport, send gate, logger) so tests run it with real ones; it holds no state between
 * requests beyond the readiness cache.
 *
 *   POST /send   { to, type, payload, ip? } → render (value mode) → SMTP → 200 { messageId }
 *   (queue mode: render → enqueue → 200 { messageId, queued }; a worker delivers, src/queue)
 *   GET /healthz process up            GET /readyz SMTP usable (cached, see readiness.ts)
 *
 * What each status means for the message is stated in docs/serve.md; smtpAnswer() below is the
 * one place that decides it.
 */
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { matchLocale } from '../locales.ts';
import type { Renderer } from '../render/pipeline.ts';
import type { RenderedEmail } from '../render/types.ts';
import { InvalidInputError, issuesOf, type FieldIssue } from '../errors.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { authorizationMatches } from './auth.ts';
import { BodyError, readJsonBody } from './body.ts';
import type { ServeConfig } from './config.ts';
import { requestIdFrom, type LogFields, type Logger } from './logger.ts';
import { createReadiness } from './readiness.ts';
import { SmtpBusyError, SmtpDeadlineError, type SendGate } from './send-gate.ts';
import { requestedLocale, sendRequestSchema, usageTypeOf } from './send-request.ts';
import { causeOf, smtpFields } from './smtp-errors.ts';
import { composeMessage, type DeliveryInfo, type MailTransport, type OutgoingMessage } from './transport.ts';
import type { QueueMetrics } from '../queue/metrics.ts';
import { QueueUnavailableError, type EnqueueRequest } from '../queue/jobs.ts';
import type { Producer } from '../queue/producer.ts';

export interface AppOptions {
  renderer: Renderer;
  transport: MailTransport;
  /** Every send goes through it: the SMTP deadline and queue limit (send-gate.ts). */
  gate: SendGate;
  logger: Logger;
  config: Pick<ServeConfig, 'authorization' | 'mailFrom' | 'defaultLocale' | 'bodyLimit' | 'readyCacheMs'>;
  /** True once shutdown began: readiness fails and connections are not kept alive. */
  isDraining?: () => boolean;
  /** Queue mode (src/queue): /send answers once the message is enqueued, and /metrics is served. */
  queue?: QueueHook;
}

/** What the app needs from queue mode; the rest of the queue stays in src/queue. */
export interface QueueHook {
  enqueue: Producer['enqueue'];
  metrics: Pick<QueueMetrics, 'render' | 'contentType'>;
  /** Readiness in queue mode: Redis answers (SMTP is the workers' concern). */
  verify(): Promise<unknown>;
}

interface Locals {
  requestId: string;
  log: LogFields;
}

const locals = (res: Response) => res.locals as Locals;

function fail(res: Response, status: number, error: string, message: string, issues?: FieldIssue[]) {
  res.status(status).json({ error, message, requestId: locals(res).requestId, ...(issues && { issues }) });
}

/**
 * A refusal before the body was read. The connection is closed once the answer is out, so a
 * client still sending (or trickling) a body cannot hold it; nothing of the body is read.
 */
function refuse(res: Response, status: number, error: string, message: string) {
  res.set('Connection', 'close');
  fail(res, status, error, message);
}

export function createApp({ renderer, transport, gate, logger, config, isDraining = () => false, queue }: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const readiness = createReadiness(() => (queue ? queue.verify() : transport.verify()), { cacheMs: config.readyCacheMs });

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

  // Unauthenticated on purpose (probes rarely can send a secret): its cost is bounded by the cache.
  app.get('/readyz', async (_req, res) => {
    if (isDraining()) return void res.status(503).json({ status: 'draining' });
    const result = await readiness.check();
    if (result.ready) return void res.json({ status: 'ready' });
    locals(res).log = smtpFields(result.error);
    res.status(503).json({ status: queue ? 'queue_unreachable' : 'smtp_unreachable' });
  });

  const requireAuthorization = (req: Request, res: Response, next: NextFunction) => {
    // Node keeps only the first of repeated Authorization headers; which one counts must not be a guess.
    if ((req.headersDistinct.authorization?.length ?? 0) > 1) return refuse(res, 400, 'invalid_request', 'Send exactly one Authorization header');
    if (config.authorization === undefined || authorizationMatches(req.get('authorization'), config.authorization)) return next();
    res.set('WWW-Authenticate', 'Bearer');
    refuse(res, 401, 'unauthorized', 'Missing or wrong Authorization header');
  };

  const requireJson = (req: Request, res: Response, next: NextFunction) => {
    if (req.is('application/json')) return next();
    refuse(res, 415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
  };

  app.post('/send', requireAuthorization, requireJson, async (req, res) => {
    let body: unknown;
    try {
      body = await readJsonBody(req, config.bodyLimit);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      return error.error === 'invalid_json' ? fail(res, error.status, error.error, error.message) : refuse(res, error.status, error.error, error.message);
    }
    const envelope = sendRequestSchema.safeParse(body);
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

    const message = composeMessage(email, { from: config.mailFrom, to });
    if (queue) return enqueue(res, message, { body, to, requestId: locals(res).requestId, type: email.type, locale: email.locale });
    let info: DeliveryInfo;
    try {
      info = await gate.run(() => transport.sendMail(message));
      if (info.accepted.length !== 1 || info.rejected.length) throw Object.assign(new Error('recipient not accepted'), { code: 'EENVELOPE' });
    } catch (error) {
      const answer = smtpAnswer(error);
      Object.assign(log, smtpFields(error), { outcome: answer.outcome });
      if (answer.outcome !== 'not_sent' && typeof (error as { responseCode?: unknown }).responseCode !== 'number') readiness.unreachable();
      if (error instanceof SmtpDeadlineError) reportLateOutcome(error, locals(res).requestId);
      if (error instanceof SmtpBusyError) res.set('Retry-After', String(error.retryAfterSeconds));
      return fail(res, answer.status, answer.error, answer.message);
    }
    readiness.delivered();
    log.messageId = info.messageId;
    res.json({ messageId: info.messageId });
  });

  /** Queue mode: 200 once Redis has the job; 503 (retry is safe: same job id) when it cannot say so. */
  async function enqueue(res: Response, message: OutgoingMessage, request: EnqueueRequest) {
    const log = locals(res).log;
    try {
      const { messageId } = await queue!.enqueue(message, request);
      log.messageId = messageId;
      res.json({ messageId, queued: true });
    } catch (error) {
      if (!(error instanceof QueueUnavailableError)) throw error;
      Object.assign(log, { errorCode: error.name, outcome: 'unknown' });
      res.set('Retry-After', '1');
      fail(res, 503, 'queue_unavailable', 'The queue did not confirm the message: retry; a retry of the same request within the minute is enqueued once.');
    }
  }

  if (queue) {
    app.get('/metrics', requireAuthorization, async (_req, res) => {
      res.set('Content-Type', queue.metrics.contentType).send(await queue.metrics.render());
    });
  }

  /** A send answered 504 may still end either way: the log says how, under the same request id. */
  function reportLateOutcome(error: SmtpDeadlineError, requestId: string) {
    error.pending.then(
      (info) => logger.warn('send answered 504 was delivered after all', { requestId, messageId: (info as DeliveryInfo).messageId }),
      (late: unknown) => logger.warn('send answered 504 failed after all', { requestId, ...smtpFields(late) })
    );
  }

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

  app.use((_req: Request, res: Response) => fail(res, 404, 'not_found', `Routes: POST /send, GET /healthz, GET /readyz${queue ? ', GET /metrics' : ''}`));

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

interface SmtpAnswer {
  status: 502 | 503 | 504;
  error: 'smtp_failed' | 'smtp_busy' | 'smtp_outcome_unknown';
  message: string;
  outcome: 'not_sent' | 'not_delivered' | 'unknown';
}

/** nodemailer failures that happen before any message data could reach the server. */
const beforeMessageCodes = new Set(['EAUTH', 'ENOAUTH', 'ETLS', 'EDNS', 'EENVELOPE', 'EREQUIRETLS']);
const beforeMessageCauses = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/**
 * What a failed send means for the message. Only what is certain is said to be certain: a reply
 * from the server refusing it, or a failure before the message could be transmitted, is "not
 * delivered"; a connection that broke or went silent once the message may have been on its way
 * is "unknown", because the server may have accepted it and only its answer was lost.
 */
function smtpAnswer(error: unknown): SmtpAnswer {
  if (error instanceof SmtpBusyError) {
    return { status: 503, error: 'smtp_busy', outcome: 'not_sent', message: 'Every SMTP connection is busy: the message was not sent. Retry later.' };
  }
  if (error instanceof SmtpDeadlineError) {
    return { status: 504, error: 'smtp_outcome_unknown', outcome: 'unknown', message: 'The SMTP server did not answer within the deadline: the message may still be delivered.' };
  }
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const cause = causeOf(error);
  if (typeof responseCode === 'number' || (typeof code === 'string' && beforeMessageCodes.has(code)) || (cause && beforeMessageCauses.has(cause))) {
    return { status: 502, error: 'smtp_failed', outcome: 'not_delivered', message: 'The SMTP server refused the message or could not be reached: it was not delivered.' };
  }
  return { status: 504, error: 'smtp_outcome_unknown', outcome: 'unknown', message: 'The connection to the SMTP server failed during the send: the message may have been delivered.' };
}
