/**
 * `authmail serve`'s parts put together: SMTP transport, send gate, app, listening server and
 * its drain. The CLI, the tests and the benchmarks all start the server through this.
 */
import type { Renderer } from '../render/pipeline.ts';
import { createApp, type QueueHook } from './app.ts';
import type { ServeConfig } from './config.ts';
import { listen, type Listening } from './listen.ts';
import type { Logger } from './logger.ts';
import { createSendGate, type SendGate } from './send-gate.ts';
import { createShutdown } from './shutdown.ts';
import { createSmtpTransport, smtpPoolSize, type MailTransport } from './transport.ts';

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
  /** Queue mode (src/queue/start.ts): enqueue instead of sending. */
  queue?: QueueHook;
}): Promise<RunningServer> {
  const gate = createSendGate({ concurrency: smtpPoolSize, queueLimit: config.smtpQueueLimit, deadlineMs: config.smtpDeadlineMs });
  let draining = false;
  const app = createApp({ renderer, transport, gate, logger, config, isDraining: () => draining, queue });
  const listening = await listen(app, config, logger);
  const shutdown = createShutdown({ server: listening.server, transport, gate, logger, timeoutMs: config.shutdownTimeoutMs, onDraining: () => (draining = true) });
  return { ...listening, transport, gate, shutdown };
}
