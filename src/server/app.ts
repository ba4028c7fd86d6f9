/**
 * The HTTP app behind Logto's HTTP email connector. A factory over its parts (renderer,
 * transport, send gate, logger, and in queue mode a SendQueue) so tests run it with real ones;
 * it holds no state between requests beyond the readiness cache.
 *
 *   POST /send   { to, type, payload, ip? } → render (value mode) → SMTP → 200 { messageId }
 *   (queue mode: render → enqueue → 200 { messageId, queued }; a worker delivers, src/queue)
 *   GET /healthz process up            GET /readyz SMTP (queue mode: the queue) usable, cached
 *   GET /metrics (queue mode)          behind the same Authorization as /send
 *
 * What each status means for the message is stated in docs/serve.md; smtp-answer.ts decides it.
 */
import type { Request, Response, NextFunction } from 'express';
import type { SendGate } from '../delivery/send-gate.ts';
import { smtpFields } from '../delivery/smtp-errors.ts';
import type { MailTransport } from '../delivery/transport.ts';
import type { Logger } from '../logger.ts';
import type { Renderer } from '../render/pipeline.ts';
import type { ServeConfig } from './config.ts';
import { enqueueTo, sendNow } from './dispatch.ts';
import { createBaseApp, finishApp, locals, refuse, requireAuthorization, serveMetrics } from './http.ts';
import { createReadiness } from './readiness.ts';
import type { MetricsSource, SendQueue } from './send-queue.ts';
import { sendRoute } from './send-route.ts';

export interface AppOptions {
  renderer: Renderer;
  transport: MailTransport;
  /** Every send goes through it: the SMTP deadline and queue limit (delivery/send-gate.ts). */
  gate: SendGate;
  logger: Logger;
  config: Pick<ServeConfig, 'authorization' | 'mailFrom' | 'defaultLocale' | 'bodyLimit' | 'readyCacheMs'>;
  /** True once shutdown began: readiness fails and connections are not kept alive. */
  isDraining?: () => boolean;
  /** Queue mode (send-queue.ts): /send answers once the message is enqueued, and /metrics is served. */
  queue?: SendQueue;
}

const requireJson = (req: Request, res: Response, next: NextFunction) => {
  if (req.is('application/json')) return next();
  refuse(res, 415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
};

export function createApp({ renderer, transport, gate, logger, config, isDraining = () => false, queue }: AppOptions) {
  const app = createBaseApp({ logger, isDraining });
  const readiness = createReadiness(() => (queue ? queue.verify() : transport.verify()), { cacheMs: config.readyCacheMs });

  // Unauthenticated on purpose (probes rarely can send a secret): its cost is bounded by the cache.
  app.get('/readyz', async (_req, res) => {
    if (isDraining()) return void res.status(503).json({ status: 'draining' });
    const result = await readiness.check();
    if (result.ready) return void res.json({ status: 'ready' });
    locals(res).log = smtpFields(result.error);
    res.status(503).json({ status: queue ? 'queue_unreachable' : 'smtp_unreachable' });
  });

  const dispatch = queue ? enqueueTo(queue) : sendNow({ transport, gate, readiness, logger });
  app.post('/send', requireAuthorization(config.authorization), requireJson, sendRoute({ renderer, config, dispatch }));
  if (queue) serveMetrics(app, config.authorization, queue.metrics);
  return finishApp(app, `POST /send, GET /healthz, GET /readyz${queue ? ', GET /metrics' : ''}`);
}

/** The worker's app: GET /healthz, and GET /metrics behind the Authorization; no /send. */
export function createMetricsApp({
  authorization,
  metrics,
  logger,
  isDraining,
}: {
  authorization: string | undefined;
  metrics: MetricsSource;
  logger: Logger;
  isDraining?: () => boolean;
}) {
  const app = createBaseApp({ logger, isDraining });
  serveMetrics(app, authorization, metrics);
  return finishApp(app, 'GET /healthz, GET /metrics');
}
