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
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { OutgoingMessage } from '../delivery/transport.ts';
import { QueueUnavailableError, type EnqueueRequest } from '../server/send-queue.ts';
import { jobIdFor, jobOptions, messageIdFor, queueName, withdrawnKey, type RetryPolicy, type SendJob } from './jobs.ts';
import type { QueueMetrics } from './metrics.ts';

export interface Producer {
  enqueue(message: OutgoingMessage, request: EnqueueRequest): Promise<{ messageId: string; jobId: string }>;
  close(): Promise<void>;
}

/** Job ids waiting for Redis to come back to be marked withdrawn; beyond this the oldest are dropped (and logged). */
const maxPendingWithdrawals = 10_000;

const confirmedKey = (jobId: string) => `${queueName}:confirmed:${jobId}`;

/**
 * Sent with the add: this request (ARGV[2], its token) is among those that may have been answered
 * 200 for the id, and any mark is lifted. It runs even when the add was late; the request's
 * own withdrawal, sent after it on the same connection, takes its token out again.
 */
const confirmScript = "redis.call('SADD', KEYS[1], ARGV[2]); redis.call('PEXPIRE', KEYS[1], ARGV[1]); return redis.call('DEL', KEYS[2])";
/** A 503 for this request: mark the id withdrawn, unless another request for it was answered 200 (one message; its 200 wins). */
const withdrawScript =
  "redis.call('SREM', KEYS[1], ARGV[2]); if redis.call('SCARD', KEYS[1]) > 0 then return 0 end; redis.call('SET', KEYS[2], '1', 'PX', ARGV[1]); return 1";

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
  /** Withdrawals waiting for Redis, by request token. */
  const pending = new Map<string, string>();
  const withdraw = (jobId: string, token: string) =>
    client.eval(withdrawScript, 2, confirmedKey(jobId), withdrawnKey(jobId), codeLifetimeMs, token) as Promise<unknown>;
  const flush = async () => {
    for (const [token, jobId] of [...pending]) {
      if (client.status !== 'ready') return;
      try {
        await withdraw(jobId, token);
        pending.delete(token);
      } catch {
        return; // Redis went away again: the next 'ready' or tick tries again
      }
    }
  };
  client.on('ready', () => void flush());
  const retryTimer = setInterval(() => pending.size && void flush(), 1_000);
  retryTimer.unref();

  function remember(jobId: string, token: string) {
    pending.set(token, jobId);
    if (pending.size <= maxPendingWithdrawals) return;
    const [oldest, oldestJob] = pending.entries().next().value!;
    pending.delete(oldest);
    logger.error('withdrawal list full: the oldest job answered 503 may still be delivered', { messageId: oldestJob });
  }

  return {
    async enqueue(message, { body, to, requestId, type, locale }) {
      const started = performance.now();
      const jobId = jobIdFor(body, to);
      const token = randomUUID();
      const now = Date.now();
      const data: SendJob = {
        message: { ...message, messageId: messageIdFor(jobId, message.from) },
        requestId,
        type,
        locale,
        enqueuedAt: now,
        expiresAt: now + codeLifetimeMs,
      };
      if (client.status !== 'ready') throw new QueueUnavailableError('Redis is not connected');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new QueueUnavailableError('Redis did not confirm the job within the deadline')), deadlineMs);
      });
      // Sent back to back on one connection, so Redis runs them in this order.
      const add = queue.add('send', data, jobOptions(jobId, policy));
      const confirm = client.eval(confirmScript, 2, confirmedKey(jobId), withdrawnKey(jobId), codeLifetimeMs, token);
      try {
        await Promise.race([Promise.all([add, confirm]), deadline]);
      } catch (error) {
        if (!neverSent(error)) {
          // It may reach Redis yet: mark it now (behind the add on the same connection), or once Redis is back.
          if (client.status === 'ready') withdraw(jobId, token).catch(() => remember(jobId, token));
          else remember(jobId, token);
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

/** The queue every instance shares, on a client the caller owns (and closes, and whose errors it reports). */
export function openQueue(client: Redis): Queue {
  const queue = new Queue(queueName, { connection: client });
  // BullMQ re-emits the client's errors here, and prints them whole when nothing listens.
  queue.on('error', () => {});
  return queue;
}
