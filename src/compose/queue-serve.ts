/**
 * `serve --queue` put together: the server enqueueing through the SendQueue src/queue implements,
 * plus delivery workers unless --no-worker.
 */
import type { QueueConfig } from '../queue/config.ts';
import type { QueueMetrics } from '../queue/metrics.ts';
import { connectQueue, createSendQueue, drainQueue, startDelivery } from '../queue/start.ts';
import type { Listening } from '../server/listen.ts';
import { startServer, type RunningServer } from '../server/start.ts';
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
export async function startQueueServe({ config, queueConfig, renderer, logger, worker = true }: ServeOptions & { queueConfig: QueueConfig }): Promise<QueueModeServer> {
  const connection = await connectQueue(queueConfig, logger);
  const sendQueue = createSendQueue(connection, logger);
  let running: RunningServer;
  try {
    // In queue mode /readyz asks Redis; the workers deliver through their own pool.
    running = await startServer({ config, renderer, logger, queue: sendQueue });
  } catch (error) {
    connection.client.disconnect();
    throw error;
  }
  const delivery = worker ? startDelivery(connection, config, logger) : undefined;
  let closing: Promise<void> | undefined;
  return {
    server: running.server,
    url: running.url,
    port: running.port,
    metrics: connection.metrics,
    shutdown: () =>
      (closing ??= drainQueue(connection, { stopBy: Date.now() + config.shutdownTimeoutMs, httpDrained: running.shutdown(), delivery, closeQueue: () => sendQueue.close() })),
  };
}
