/**
 * `serve --queue` put together: the server enqueueing through the SendQueue src/queue implements,
 * plus delivery workers unless --no-worker.
 */
import type { Logger } from '../logger.ts';
import type { QueueConfig } from '../queue/config.ts';
import type { QueueMetrics } from '../queue/metrics.ts';
import { connectQueue, createSendQueue, drainQueue, startDelivery, type QueueConnection } from '../queue/start.ts';
import type { Listening } from '../server/listen.ts';
import type { ServeConfig } from '../server/config.ts';
import { startServer } from '../server/start.ts';
import type { ServeOptions } from './serve.ts';

export interface QueueModeServer extends Listening {
  metrics: QueueMetrics;
  shutdown(): Promise<void>;
}

/**
 * `serve --queue`. Start-up connects within the deadline and checks that Redis keeps jobs.
 * Shutdown drains HTTP first while the workers finish the jobs they hold, then closes Redis,
 * all within the drain deadline (config.shutdownTimeoutMs), Redis up or down.
 */
export async function startQueueServe({
  config,
  queueConfig,
  renderer,
  logger,
  worker = true,
}: ServeOptions & { queueConfig: QueueConfig }): Promise<QueueModeServer> {
  const connection = await connectQueue(queueConfig, logger);
  const sendQueue = createSendQueue(connection, logger);
  return aroundHttp(connection, {
    config,
    logger,
    worker,
    // In queue mode /readyz asks Redis; the workers deliver through their own pool.
    startHttp: () => startServer({ config, renderer, logger, queue: sendQueue }),
    closeQueue: () => sendQueue.close(),
  });
}

/**
 * An HTTP server started on an open queue connection (which a failed start closes, so nothing
 * keeps the process alive), delivery workers unless `worker` is false, and one drain for all of
 * it (drainQueue). `serve --queue` and `authmail worker` both run this way.
 */
export async function aroundHttp(
  connection: QueueConnection,
  {
    config,
    logger,
    worker,
    startHttp,
    closeQueue,
  }: {
    config: ServeConfig;
    logger: Logger;
    worker: boolean;
    startHttp: () => Promise<Listening & { shutdown(): Promise<void> }>;
    closeQueue: () => Promise<void>;
  }
): Promise<QueueModeServer> {
  let http: Listening & { shutdown(): Promise<void> };
  try {
    http = await startHttp();
  } catch (error) {
    connection.client.disconnect();
    throw error;
  }
  const delivery = worker ? startDelivery(connection, config, logger) : undefined;
  let closing: Promise<void> | undefined;
  return {
    server: http.server,
    url: http.url,
    port: http.port,
    metrics: connection.metrics,
    shutdown: () => (closing ??= drainQueue(connection, { stopBy: Date.now() + config.shutdownTimeoutMs, httpDrained: http.shutdown(), delivery, closeQueue })),
  };
}
