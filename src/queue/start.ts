/**
 * Queue mode's own parts, started: a Redis connection checked to keep jobs (durability.ts) with
 * the shared queue and its metrics, the SendQueue the server enqueues through (its interface is
 * the server's, src/server/send-queue.ts), and the delivery workers with their own SMTP pool.
 * How they combine with an HTTP server (`serve --queue`, `authmail worker`) is src/compose's.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DkimConfig } from '../delivery/dkim.ts';
import { createSmtpTransport, smtpPoolSize } from '../delivery/transport.ts';
import type { Logger } from '../logger.ts';
import type { SendQueue } from '../server/send-queue.ts';
import type { QueueConfig } from './config.ts';
import { checkDurability } from './durability.ts';
import { createQueueMetrics, jobStates, type QueueMetrics } from './metrics.ts';
import { createProducer, openQueue } from './producer.ts';
import { connectRedis, createRedis, withRedisDeadline } from './redis.ts';
import { startDeliveryWorker } from './worker.ts';

/** Resolves true when `work` ended within `ms`, false when the time ran out first. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))));
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A connected client on a Redis that keeps jobs (or whose risk was accepted), within the
 * deadline; on any failure the client is closed, so nothing keeps the process alive.
 */
async function openRedis(queueConfig: QueueConfig, logger: Logger): Promise<Redis> {
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

export interface QueueConnection {
  config: QueueConfig;
  client: Redis;
  queue: Queue;
  metrics: QueueMetrics;
}

/** The shared queue on a checked Redis, and this process's metrics of it. */
export async function connectQueue(config: QueueConfig, logger: Logger): Promise<QueueConnection> {
  const client = await openRedis(config, logger);
  const queue = openQueue(client);
  return { config, client, queue, metrics: createQueueMetrics(() => queue.getJobCounts(...jobStates)) };
}

/** The server's SendQueue on this connection; close() withdraws what is pending and closes the queue. */
export function createSendQueue({ config, client, queue, metrics }: QueueConnection, logger: Logger): SendQueue & { close(): Promise<void> } {
  const producer = createProducer({ queue, client, policy: config, metrics, deadlineMs: config.deadlineMs, codeLifetimeMs: config.codeLifetimeMs, logger });
  return {
    enqueue: producer.enqueue,
    metrics,
    // Readiness in queue mode: Redis answers a read within the deadline.
    verify: () => withRedisDeadline(client.ping(), config.url, config.deadlineMs),
    close: () => producer.close(),
  };
}

/** What the workers' SMTP pool is made from (serve's config carries it). */
export interface SmtpSettings {
  smtpUrl: string;
  smtpDeadlineMs: number;
  dkim?: DkimConfig;
}

/** Workers with their own SMTP pool; close() lets them finish the jobs in hand until `stopBy`, then cuts them off. */
export function startDelivery({ config, client, metrics }: QueueConnection, smtp: SmtpSettings, logger: Logger) {
  const transport = createSmtpTransport(smtp.smtpUrl, smtp.smtpDeadlineMs, smtp.dkim);
  const { worker, inHand } = startDeliveryWorker({
    url: config.url,
    client,
    deadlineMs: config.deadlineMs,
    transport,
    logger,
    metrics,
    concurrency: smtpPoolSize,
    lockMs: config.lockMs,
  });
  return {
    async close(stopBy: number) {
      logger.info('shutting down: finishing the jobs in hand');
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

/**
 * Queue mode's part of a drain, within the drain deadline (`stopBy`), Redis up or down: the
 * workers finish the jobs in hand while `httpDrained` runs, then `closeQueue` (the producer's
 * pending withdrawals, the queue) gets what time is left, capped by the Redis deadline, and the
 * connection is closed.
 */
export async function drainQueue(
  { config, client }: QueueConnection,
  {
    stopBy,
    httpDrained,
    delivery,
    closeQueue,
  }: { stopBy: number; httpDrained: Promise<void>; delivery?: ReturnType<typeof startDelivery>; closeQueue: () => Promise<void> }
) {
  await Promise.all([httpDrained, delivery?.close(stopBy)]);
  await within(closeQueue(), Math.min(config.deadlineMs, stopBy - Date.now()));
  client.disconnect();
}
