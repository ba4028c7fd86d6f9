/**
 * The serve side of queue mode: adds a rendered message to the shared BullMQ queue under the
 * job id derived from its request, and resolves once Redis has it. A 503 is never delivered:
 * - while Redis is away nothing is sent or queued in memory (the client has no offline queue):
 *   the request fails at once;
 * - an add that was sent but not confirmed within the deadline (a slow Redis, a connection that
 *   broke with the answer lost) may still reach Redis: its job id is marked withdrawn, at once
 *   or, if Redis is away, as soon as it is back (the ids wait in a bounded list), and no worker
 *   sends a marked job. A request answered 200 for the same id lifts the mark: one message, and
 *   its 200 wins.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../server/logger.ts';
import type { OutgoingMessage } from '../server/transport.ts';
import { jobIdFor, jobOptions, messageIdFor, queueName, QueueUnavailableError, withdrawnKey, type EnqueueRequest, type RetryPolicy, type SendJob } from './jobs.ts';
import type { QueueMetrics } from './metrics.ts';

export interface Producer {
  enqueue(message: OutgoingMessage, request: EnqueueRequest): Promise<{ messageId: string; jobId: string }>;
  close(): Promise<void>;
}

/** Job ids waiting for Redis to come back to be marked withdrawn; beyond this the oldest are dropped (and logged). */
export const maxPendingWithdrawals = 10_000;

const confirmedKey = (jobId: string) => `${queueName}:confirmed:${jobId}`;

/** A 200 for this id: remember it (a later 503 for the same id must not withdraw it) and lift any mark. */
const confirmScript = "redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]); return redis.call('DEL', KEYS[2])";
/** A 503 for this id: mark it withdrawn, unless a request for the same id was answered 200. */
const withdrawScript = "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end; redis.call('SET', KEYS[2], '1', 'PX', ARGV[1]); return 1";

/** ioredis' refusal to send while disconnected: the command never left this process. */
const neverSent = (error: unknown) => /enableOfflineQueue options is false/.test(String((error as Error)?.message));

export function createProducer({
  queue,
  client,
  policy,
  metrics,
  deadlineMs,
  codeLifetimeMs,
  logger,
}: {
  queue: Queue;
  /** The ioredis client the queue uses: commands on it run in the order they are sent. */
  client: Redis;
  policy: RetryPolicy;
  metrics: QueueMetrics;
  deadlineMs: number;
  codeLifetimeMs: number;
  logger: Logger;
}): Producer {
  const pending = new Set<string>();
  const withdraw = (jobId: string) => client.eval(withdrawScript, 2, confirmedKey(jobId), withdrawnKey(jobId), codeLifetimeMs) as Promise<unknown>;
  const flush = async () => {
    for (const jobId of [...pending]) {
      if (client.status !== 'ready') return;
      try {
        await withdraw(jobId);
        pending.delete(jobId);
      } catch {
        return; // Redis went away again: the next 'ready' or tick tries again
      }
    }
  };
  client.on('ready', () => void flush());
  const retryTimer = setInterval(() => pending.size && void flush(), 1_000);
  retryTimer.unref();

  function remember(jobId: string) {
    pending.add(jobId);
    if (pending.size <= maxPendingWithdrawals) return;
    const [oldest] = pending;
    pending.delete(oldest!);
    logger.error('withdrawal list full: the oldest job answered 503 may still be delivered', { messageId: oldest });
  }

  return {
    async enqueue(message, { body, to, requestId, type, locale }) {
      const started = performance.now();
      const jobId = jobIdFor(body, to);
      const now = Date.now();
      const data: SendJob = { message: { ...message, messageId: messageIdFor(jobId, message.from) }, requestId, type, locale, enqueuedAt: now, expiresAt: now + codeLifetimeMs };
      if (client.status !== 'ready') throw new QueueUnavailableError('Redis is not connected');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new QueueUnavailableError('Redis did not confirm the job within the deadline')), deadlineMs);
      });
      // Sent back to back on one connection, so Redis runs them in this order.
      const add = queue.add('send', data, jobOptions(jobId, policy));
      const confirm = client.eval(confirmScript, 2, confirmedKey(jobId), withdrawnKey(jobId), codeLifetimeMs);
      try {
        await Promise.race([Promise.all([add, confirm]), deadline]);
      } catch (error) {
        if (!neverSent(error)) {
          // It may reach Redis yet: mark it now (behind the add on the same connection), or once Redis is back.
          if (client.status === 'ready') withdraw(jobId).catch(() => remember(jobId));
          else remember(jobId);
        }
        throw error instanceof QueueUnavailableError ? error : new QueueUnavailableError('Redis refused the job', { cause: error });
      } finally {
        clearTimeout(timer);
      }
      metrics.enqueueSeconds.observe((performance.now() - started) / 1000);
      metrics.accepted.inc();
      return { messageId: data.message.messageId, jobId };
    },
    async close() {
      clearInterval(retryTimer);
      await flush();
      await queue.close();
    },
  };
}

/** The queue every instance shares, on a client the caller owns (and closes). */
export function openQueue(client: Redis): Queue {
  return new Queue(queueName, { connection: client });
}
