/**
 * `authmail worker`: delivery workers (src/queue) with the server's /healthz and /metrics (same
 * Authorization, same answers, same drain) on host:port.
 */
import type { Logger } from '../logger.ts';
import type { QueueConfig } from '../queue/config.ts';
import { connectQueue, drainQueue, startDelivery } from '../queue/start.ts';
import type { ServeConfig } from '../server/config.ts';
import { startMetricsServer } from '../server/start.ts';
import type { QueueModeServer } from './queue-serve.ts';

export async function startQueueWorker({ config, queueConfig, logger }: { config: ServeConfig; queueConfig: QueueConfig; logger: Logger }): Promise<QueueModeServer> {
  const connection = await connectQueue(queueConfig, logger);
  let http: Awaited<ReturnType<typeof startMetricsServer>>;
  try {
    http = await startMetricsServer({ config, metrics: connection.metrics, logger });
  } catch (error) {
    connection.client.disconnect();
    throw error;
  }
  const delivery = startDelivery(connection, config, logger);
  let closing: Promise<void> | undefined;
  return {
    server: http.server,
    url: http.url,
    port: http.port,
    metrics: connection.metrics,
    shutdown: () =>
      (closing ??= (() => {
        logger.info('shutting down: finishing the jobs in hand');
        return drainQueue(connection, { stopBy: Date.now() + config.shutdownTimeoutMs, httpDrained: http.shutdown(), delivery, closeQueue: () => connection.queue.close() });
      })()),
  };
}
