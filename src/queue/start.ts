/**
 * Queue mode put together: `serve --queue` (the HTTP server enqueueing, plus workers unless
 * --no-worker) and `authmail worker` (workers alone, with /healthz and /metrics). Start-up
 * connects within the deadline and checks that Redis keeps jobs (durability.ts). Shutdown
 * drains HTTP first, then lets the workers finish the jobs they hold, then closes Redis, all
 * within the drain deadline (config.shutdownTimeoutMs), Redis up or down.
 */
import express from 'express';
import type { Redis } from 'ioredis';
import type { Renderer } from '../render/pipeline.ts';
import { authorizationMatches } from '../server/auth.ts';
import type { ServeConfig } from '../server/config.ts';
import { listen, type Listening } from '../server/listen.ts';
import type { Logger } from '../server/logger.ts';
import { startServer, type RunningServer } from '../server/start.ts';
import { createSmtpTransport, smtpPoolSize } from '../server/transport.ts';
import type { QueueConfig } from './config.ts';
import { checkDurability } from './durability.ts';
import { createQueueMetrics, jobStates, type QueueMetrics } from './metrics.ts';
import { createProducer, openQueue } from './producer.ts';
import { connectRedis, createRedis, withRedisDeadline } from './redis.ts';
import { startDeliveryWorker } from './worker.ts';

export interface QueueModeServer extends Listening {
  metrics: QueueMetrics;
  shutdown(): Promise<void>;
}

/** Resolves true when `work` ended within `ms`, false when the time ran out first. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))));
  try {
    return await Promise.race([work.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A connected client on a Redis that keeps jobs (or whose risk was accepted), within the
 * deadline; on any failure the client is closed, so nothing keeps the process alive.
 */
export async function openRedis(queueConfig: QueueConfig, logger: Logger): Promise<Redis> {
  const { url, deadlineMs } = queueConfig;
  const client = createRedis(url, deadlineMs, logger);
  await connectRedis(client, url, deadlineMs);
  try {
    for (const warning of await withRedisDeadline(checkDurability(client, queueConfig.acceptJobLoss), url, deadlineMs)) logger.warn(warning);
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return client;
}

/** Workers with their own SMTP pool; close() lets them finish the jobs in hand until `stopBy`, then cuts them off. */
function startWorkers(queueConfig: QueueConfig, config: ServeConfig, client: Redis, logger: Logger, metrics: QueueMetrics) {
  const transport = createSmtpTransport(config.smtpUrl, config.smtpDeadlineMs, config.dkim);
  const { worker, inHand } = startDeliveryWorker({ url: queueConfig.url, client, deadlineMs: queueConfig.deadlineMs, transport, logger, metrics, concurrency: smtpPoolSize, lockMs: queueConfig.lockMs });
  return {
    async close(stopBy: number) {
      // With Redis away BullMQ's close() waits for it; nothing can be acknowledged then, so once the sends in hand have ended there is nothing to wait for.
      let poll: NodeJS.Timeout | undefined;
      const idleWithoutRedis = new Promise<void>((resolve) => {
        poll = setInterval(() => client.status !== 'ready' && inHand() === 0 && resolve(), 100);
      });
      const closing = worker.close();
      const closed = await within(Promise.race([closing, idleWithoutRedis]), stopBy - Date.now());
      clearInterval(poll);
      if (!closed || client.status !== 'ready') {
        // Redis is away (or a send hangs): a job cut off here is taken over by another worker once its lock expires.
        if (inHand()) logger.warn('drain deadline reached: workers stopped with jobs in hand');
        await within(worker.disconnect(), 1_000);
      }
      transport.close();
    },
  };
}

/** Readiness in queue mode: Redis answers a read within the deadline. */
const pingRedis = (client: Redis, queueConfig: QueueConfig) => withRedisDeadline(client.ping(), queueConfig.url, queueConfig.deadlineMs);

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
  const client = await openRedis(queueConfig, logger);
  const queue = openQueue(client);
  const metrics = createQueueMetrics(() => queue.getJobCounts(...jobStates));
  const producer = createProducer({ queue, client, policy: queueConfig, metrics, deadlineMs: queueConfig.deadlineMs, codeLifetimeMs: queueConfig.codeLifetimeMs, logger });
  let running: RunningServer;
  try {
    // In queue mode /readyz asks Redis; the workers deliver through their own pool.
    running = await startServer({ config, renderer, logger, queue: { enqueue: producer.enqueue, metrics, verify: () => pingRedis(client, queueConfig) } });
  } catch (error) {
    client.disconnect();
    throw error;
  }
  const delivering = worker ? startWorkers(queueConfig, config, client, logger, metrics) : undefined;
  let closing: Promise<void> | undefined;
  return {
    server: running.server,
    url: running.url,
    port: running.port,
    metrics,
    shutdown: () =>
      (closing ??= (async () => {
        const stopBy = Date.now() + config.shutdownTimeoutMs;
        await Promise.all([running.shutdown(), delivering?.close(stopBy)]);
        await within(producer.close(), Math.min(queueConfig.deadlineMs, stopBy - Date.now()));
        client.disconnect();
      })()),
  };
}

/** `authmail worker`: delivery only, with /healthz and /metrics (same Authorization) on host:port. */
export async function startQueueWorker({ config, queueConfig, logger }: { config: ServeConfig; queueConfig: QueueConfig; logger: Logger }): Promise<QueueModeServer> {
  const client = await openRedis(queueConfig, logger);
  const queue = openQueue(client);
  const metrics = createQueueMetrics(() => queue.getJobCounts(...jobStates));
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/metrics', async (req, res) => {
    if (config.authorization !== undefined && !authorizationMatches(req.get('authorization'), config.authorization)) {
      return void res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized', message: 'Missing or wrong Authorization header' });
    }
    res.set('Content-Type', metrics.contentType).send(await metrics.render());
  });
  let listening: Listening;
  try {
    listening = await listen(app, config, logger);
  } catch (error) {
    client.disconnect();
    throw error;
  }
  const delivering = startWorkers(queueConfig, config, client, logger, metrics);
  let closing: Promise<void> | undefined;
  return {
    ...listening,
    metrics,
    shutdown: () =>
      (closing ??= (async () => {
        const stopBy = Date.now() + config.shutdownTimeoutMs;
        logger.info('shutting down: finishing the jobs in hand');
        listening.server.close();
        listening.server.closeAllConnections();
        await delivering.close(stopBy);
        await within(queue.close(), Math.min(queueConfig.deadlineMs, stopBy - Date.now()));
        client.disconnect();
        logger.info('shut down');
      })()),
  };
}
