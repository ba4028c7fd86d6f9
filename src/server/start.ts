/**
 * `authmail serve`'s parts put together: SMTP transport, send gate, app, listening server and
 * its drain. The composition root (src/compose), the tests and the benchmarks start the server
 * through this; in queue mode it is given a SendQueue (send-queue.ts) and never sees src/queue.
 */
import { createSendGate, type SendGate } from '../delivery/send-gate.ts';
import { createSmtpTransport, smtpPoolSize, type MailTransport } from '../delivery/transport.ts';
import type { Logger } from '../logger.ts';
import type { Renderer } from '../render/pipeline.ts';
import { createApp, createMetricsApp } from './app.ts';
import type { ServeConfig } from './config.ts';
import { listen, type Listening } from './listen.ts';
import type { MetricsSource, SendQueue } from './send-queue.ts';
import { createShutdown } from './shutdown.ts';

export interface RunningServer extends Listening {
  transport: MailTransport;
  gate: SendGate;
  /** The graceful drain (shutdown.ts); idempotent. */
  shutdown(): Promise<void>;
}

export async function startServer({
  config,
  renderer,
  logger,
  transport = createSmtpTransport(config.smtpUrl, config.smtpDeadlineMs, config.dkim),
  queue,
}: {
  config: ServeConfig;
  renderer: Renderer;
  logger: Logger;
  transport?: MailTransport;
  /** Queue mode: enqueue instead of sending. */
  queue?: SendQueue;
}): Promise<RunningServer> {
  const gate = createSendGate({ concurrency: smtpPoolSize, queueLimit: config.smtpQueueLimit, deadlineMs: config.smtpDeadlineMs });
  let draining = false;
  const app = createApp({ renderer, transport, gate, logger, config, isDraining: () => draining, queue });
  const listening = await listen(app, config, logger);
  const shutdown = createShutdown({
    server: listening.server,
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    onDraining: () => (draining = true),
    settled: () => gate.settled(),
    close: () => transport.close(),
  });
  return { ...listening, transport, gate, shutdown };
}

/** The worker's HTTP side (app.ts createMetricsApp) on host:port, drained like serve's. */
export async function startMetricsServer({
  config,
  metrics,
  logger,
}: {
  config: ServeConfig;
  metrics: MetricsSource;
  logger: Logger;
}): Promise<Listening & { shutdown(): Promise<void> }> {
  let draining = false;
  const app = createMetricsApp({ authorization: config.authorization, metrics, logger, isDraining: () => draining });
  const listening = await listen(app, config, logger);
  return {
    ...listening,
    shutdown: createShutdown({ server: listening.server, logger, timeoutMs: config.shutdownTimeoutMs, onDraining: () => (draining = true) }),
  };
}
