/**
 * The composition root of `authmail serve`: the one place that chooses between the synchronous
 * server (SMTP from the request) and queue mode (queue-serve.ts). src/server and src/queue know
 * nothing of each other beyond the server's interface (src/server/send-queue.ts).
 */
import { dkimRecordName } from '../delivery/dkim.ts';
import type { LogFields, Logger } from '../logger.ts';
import type { QueueConfig } from '../queue/config.ts';
import type { Renderer } from '../render/pipeline.ts';
import { redactUrl } from '../secrets.ts';
import type { ServeConfig } from '../server/config.ts';
import type { Listening } from '../server/listen.ts';
import { startServer } from '../server/start.ts';

export interface ServeOptions {
  config: ServeConfig;
  renderer: Renderer;
  logger: Logger;
  /** Queue mode when given. */
  queueConfig?: QueueConfig;
  /** Queue mode: also deliver from this process (the default); false for a serve-only instance. */
  worker?: boolean;
}

/** `authmail serve`, synchronous or in queue mode. */
export async function startServe({ queueConfig, ...options }: ServeOptions): Promise<Listening & { shutdown(): Promise<void> }> {
  if (!queueConfig) return startServer(options);
  // Loaded in queue mode only: BullMQ, ioredis and prom-client are no cost of the synchronous server.
  const { startQueueServe } = await import('./queue-serve.ts');
  return startQueueServe({ ...options, queueConfig });
}

/** The start-up line's fields: where, which SMTP and Redis (redacted), whether requests are authenticated, the DKIM key's DNS name. */
export function startupFields(config: ServeConfig, port: number, queueConfig?: QueueConfig): LogFields {
  return {
    host: config.host,
    port,
    smtp: redactUrl(config.smtpUrl),
    ...(queueConfig && { queue: redactUrl(queueConfig.url) }),
    auth: config.authorization !== undefined,
    dkim: config.dkim ? dkimRecordName(config.dkim) : false,
  };
}
