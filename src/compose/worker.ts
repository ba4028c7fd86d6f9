/**
 * `authmail worker`: delivery workers (src/queue) with the server's /healthz and /metrics (same
 * Authorization, same answers, same drain) on host:port.
 */
import type { Logger } from '../logger.ts';
import type { QueueConfig } from '../queue/config.ts';
import { connectQueue } from '../queue/start.ts';
import type { ServeConfig } from '../server/config.ts';
import { startMetricsServer } from '../server/start.ts';
import { aroundHttp, type QueueModeServer } from './queue-serve.ts';

export async function startQueueWorker({
  config,
  queueConfig,
  logger,
}: {
  config: ServeConfig;
  queueConfig: QueueConfig;
  logger: Logger;
}): Promise<QueueModeServer> {
  const connection = await connectQueue(queueConfig, logger);
  return aroundHttp(connection, {
    config,
    logger,
    worker: true,
    startHttp: () => startMetricsServer({ config, metrics: connection.metrics, logger }),
    closeQueue: () => connection.queue.close(),
  });
}
