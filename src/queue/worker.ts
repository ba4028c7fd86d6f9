/**
 * The delivery side of queue mode: a BullMQ worker that sends each job's rendered message over
 * SMTP. A failed attempt is retried with exponential backoff; a permanent refusal (5xx) or the
 * last attempt moves the job to BullMQ's failed state, the dead letters. A worker that dies
 * mid-send loses no job: its lock expires and another worker takes the job again.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { smtpFields } from '../server/smtp-errors.ts';
import type { Logger } from '../server/logger.ts';
import type { MailTransport } from '../server/transport.ts';
import { queueName, redisConnection, type SendJob } from './jobs.ts';
import type { QueueMetrics } from './metrics.ts';

export interface DeliveryWorkerOptions {
  url: string;
  transport: MailTransport;
  logger: Logger;
  metrics: QueueMetrics;
  /** Sends at once: one per pooled SMTP connection. */
  concurrency: number;
  /** How long a job stays locked to a worker that stopped renewing it (died) before another takes it. */
  lockMs: number;
}

/**
 * The reason BullMQ stores (and `queue status` shows): SMTP codes only. A server's own text
 * often quotes the recipient, and it must not reach Redis or a log.
 */
function reasonOf(error: unknown): string {
  const fields = smtpFields(error);
  return [fields.errorCode, fields.smtpResponseCode, fields.smtpCommand, fields.smtpCause].filter((part) => part !== undefined).join(' ') || 'send failed';
}

async function deliver(transport: MailTransport, job: Job<SendJob>) {
  let info;
  try {
    info = await transport.sendMail(job.data.message);
  } catch (error) {
    const permanent = ((error as { responseCode?: unknown }).responseCode as number) >= 500;
    throw permanent ? new UnrecoverableError(reasonOf(error)) : new Error(reasonOf(error));
  }
  if (info.accepted.length !== 1 || info.rejected.length) throw new UnrecoverableError('EENVELOPE recipient not accepted');
  return { messageId: info.messageId };
}

export function startDeliveryWorker({ url, transport, logger, metrics, concurrency, lockMs }: DeliveryWorkerOptions): Worker<SendJob> {
  const worker = new Worker<SendJob>(queueName, (job) => deliver(transport, job), {
    connection: redisConnection(url),
    concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    // A job whose worker died twice in a row is dead-lettered rather than tried forever.
    maxStalledCount: 2,
  });
  const jobFields = (job: Job<SendJob>) => ({ requestId: job.data.requestId, type: job.data.type, locale: job.data.locale, messageId: job.data.message.messageId });
  worker.on('completed', (job) => {
    metrics.delivered.inc();
    metrics.deliverySeconds.observe((Date.now() - job.data.enqueuedAt) / 1000);
    logger.info('delivered', jobFields(job));
  });
  worker.on('failed', (job, error) => {
    metrics.failed.inc();
    const final = !job || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    const fields = { ...(job && jobFields(job)), errorCode: error.message.split(' ')[0] };
    if (final) {
      metrics.deadLettered.inc();
      logger.error('delivery failed for good: dead-lettered', fields);
    } else {
      metrics.retried.inc();
      logger.warn('delivery failed: will retry', fields);
    }
  });
  // Redis going away is retried by ioredis; the log says so once per error, without the URL.
  worker.on('error', (error) => logger.warn('queue connection error', { errorName: error.name, errorCode: (error as { code?: string }).code }));
  return worker;
}
