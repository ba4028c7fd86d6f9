/**
 * The serve side of queue mode: adds a rendered message to the shared BullMQ queue under the
 * job id derived from its request, and resolves once Redis has it. Redis being unreachable is
 * reported as QueueUnavailableError within the deadline, never as a hang.
 */
import { Queue } from 'bullmq';
import type { OutgoingMessage } from '../server/transport.ts';
import { jobIdFor, jobOptions, messageIdFor, queueName, QueueUnavailableError, redisConnection, type EnqueueRequest, type RetryPolicy, type SendJob } from './jobs.ts';
import type { QueueMetrics } from './metrics.ts';

export interface Producer {
  enqueue(message: OutgoingMessage, request: EnqueueRequest): Promise<{ messageId: string; jobId: string }>;
  close(): Promise<void>;
}

export function createProducer({ queue, policy, metrics, deadlineMs }: { queue: Queue; policy: RetryPolicy; metrics: QueueMetrics; deadlineMs: number }): Producer {
  return {
    async enqueue(message, { body, to, requestId, type, locale }) {
      const started = performance.now();
      const jobId = jobIdFor(body, to);
      const data: SendJob = { message: { ...message, messageId: messageIdFor(jobId, message.from) }, requestId, type, locale, enqueuedAt: Date.now() };
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new QueueUnavailableError('Redis did not confirm the job within the deadline')), deadlineMs);
      });
      try {
        await Promise.race([queue.add('send', data, jobOptions(jobId, policy)), deadline]);
      } catch (error) {
        throw error instanceof QueueUnavailableError ? error : new QueueUnavailableError('Redis refused the job', { cause: error });
      } finally {
        clearTimeout(timer);
      }
      metrics.enqueueSeconds.observe((performance.now() - started) / 1000);
      metrics.accepted.inc();
      return { messageId: data.message.messageId, jobId };
    },
    close: () => queue.close(),
  };
}

/** The queue every instance shares; `connection` from a redis:// URL. */
export function openQueue(url: string): Queue {
  return new Queue(queueName, { connection: redisConnection(url) });
}
