/**
 * Queue mode put together: `serve --queue` (the HTTP server enqueueing, plus workers unless
 * --no-worker) and `authmail worker` (workers alone, with /healthz and /metrics). Shutdown
 * drains HTTP first, then lets the workers finish the jobs they hold, then closes Redis.
 */
import type { Queue } from 'bullmq';
import express from 'express';
import type { Renderer } from '../render/pipeline.ts';
import { authorizationMatches } from '../server/auth.ts';
import type { ServeConfig } from '../server/config.ts';
import { listen, type Listening } from '../server/listen.ts';
import type { Logger } from '../server/logger.ts';
import { startServer, type RunningServer } from '../server/start.ts';
import { createSmtpTransport, smtpPoolSize } from '../server/transport.ts';
import type { QueueConfig } from './config.ts';
import { createQueueMetrics, jobStates, type QueueMetrics } from './metrics.ts';
import { createProducer, openQueue } from './producer.ts';
import { startDeliveryWorker } from './worker.ts';

export interface QueueModeServer extends Listening {
  metrics: QueueMetrics;
  shutdown(): Promise<void>;
}

/** Workers with their own SMTP pool; close() lets them finish the jobs in hand, then closes the pool. */
function startWorkers(queueConfig: QueueConfig, config: ServeConfig, logger: Logger, metrics: QueueMetrics) {
  const transport = createSmtpTransport(config.smtpUrl, config.smtpDeadlineMs, config.dkim);
  const worker = startDeliveryWorker({ url: queueConfig.url, transport, logger, metrics, concurrency: smtpPoolSize, lockMs: queueConfig.lockMs });
  return { close: () => worker.close().finally(() => transport.close()) };
}

/** Resolves when Redis answers a read within `timeoutMs` (ioredis would queue it while disconnected). */
async function pingRedis(queue: Queue, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(Object.assign(new Error('Redis did not answer'), { code: 'REDIS_TIMEOUT' })), timeoutMs)));
  try {
    await Promise.race([queue.getJobCounts('waiting'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startQueueServe({
  config,
  queueConfig,
  renderer,
  logger,
  worker = true,
}: {
  config: ServeConfig;
  queueConfig: QueueConfig;
  renderer: Renderer;
  logger: Logger;
  /** Also deliver from this process (the default); false for a serve-only instance. */
  worker?: boolean;
}): Promise<QueueModeServer> {
  const queue = openQueue(queueConfig.url);
  await queue.waitUntilReady();
  const metrics = createQueueMetrics(() => queue.getJobCounts(...jobStates));
  const producer = createProducer({ queue, policy: queueConfig, metrics, deadlineMs: config.smtpDeadlineMs });
  // In queue mode /readyz asks Redis (verify); the workers deliver through their own pool.
  const running: RunningServer = await startServer({ config, renderer, logger, queue: { enqueue: producer.enqueue, metrics, verify: () => pingRedis(queue, config.smtpDeadlineMs) } });
  const delivering = worker ? startWorkers(queueConfig, config, logger, metrics) : undefined;
  let closing: Promise<void> | undefined;
  return {
    server: running.server,
    url: running.url,
    port: running.port,
    metrics,
    shutdown: () =>
      (closing ??= (async () => {
        await Promise.all([running.shutdown(), delivering?.close()]);
        await producer.close();
      })()),
  };
}

/** `authmail worker`: delivery only, with /healthz and /metrics (same Authorization) on host:port. */
export async function startQueueWorker({ config, queueConfig, logger }: { config: ServeConfig; queueConfig: QueueConfig; logger: Logger }): Promise<QueueModeServer> {
  const queue = openQueue(queueConfig.url);
  await queue.waitUntilReady();
  const metrics = createQueueMetrics(() => queue.getJobCounts(...jobStates));
  const delivering = startWorkers(queueConfig, config, logger, metrics);
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/metrics', async (req, res) => {
    if (config.authorization !== undefined && !authorizationMatches(req.get('authorization'), config.authorization)) {
      return void res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized', message: 'Missing or wrong Authorization header' });
    }
    res.set('Content-Type', metrics.contentType).send(await metrics.render());
  });
  const listening = await listen(app, config);
  let closing: Promise<void> | undefined;
  return {
    ...listening,
    metrics,
    shutdown: () =>
      (closing ??= (async () => {
        logger.info('shutting down: finishing the jobs in hand');
        listening.server.close();
        listening.server.closeAllConnections();
        await delivering.close();
        await queue.close();
        logger.info('shut down');
      })()),
  };
}
