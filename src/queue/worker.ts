/**
 * The delivery side of queue mode: a BullMQ worker that sends each job's rendered message over
 * SMTP. A failed attempt is retried with exponential backoff; a permanent refusal (5xx) or the
 * last attempt moves the job to BullMQ's failed state, the dead letters. A worker that dies
 * mid-send loses no job: its lock expires and another worker takes the job again.
 */
import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { smtpFields } from '../delivery/smtp-errors.ts';
import type { Logger } from '../logger.ts';
import type { MailTransport } from '../delivery/transport.ts';
import { dedupWindowMs, queueName, withdrawnKey, type SendJob } from './jobs.ts';
import type { QueueMetrics } from './metrics.ts';
import { logRedisErrors, redisOptions } from './redis.ts';

export interface DeliveryWorkerOptions {
  url: string;
  /** For the withdrawn marks (producer.ts); the worker's own connections are BullMQ's. */
  client: Redis;
  /** Connecting and reconnecting bound (config.ts deadlineMs). */
  deadlineMs: number;
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

/**
 * A withdrawn job waits (delayed) until no request with its id can come any more, because such a
 * request answered 200 lifts the mark and must then be delivered; a minute-long window plus the
 * longest enqueue deadline (60 s).
 */
const withdrawnUntil = (job: Job<SendJob>) => (Math.floor(job.data.enqueuedAt / dedupWindowMs) + 1) * dedupWindowMs + 60_000;

/** Whether the job may be sent now: its data is whole, its code still valid, and it was not answered 503. */
async function admit(client: Redis, job: Job<SendJob>, token: string | undefined): Promise<'send' | 'withdrawn'> {
  const data = job.data as Partial<SendJob> | undefined;
  if (!data?.message || typeof data.enqueuedAt !== 'number') throw new UnrecoverableError('EDAMAGED job data missing');
  if (typeof data.expiresAt === 'number' && Date.now() >= data.expiresAt) throw new UnrecoverableError('EEXPIRED code lifetime passed');
  if (!(await client.exists(withdrawnKey(String(job.id))))) return 'send';
  if (Date.now() >= withdrawnUntil(job)) return 'withdrawn';
  await job.moveToDelayed(Math.min(withdrawnUntil(job), Date.now() + 1_000), token);
  throw new DelayedError();
}

async function deliver(transport: MailTransport, client: Redis, job: Job<SendJob>, token: string | undefined) {
  if ((await admit(client, job, token)) === 'withdrawn') return { withdrawn: true };
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

export interface DeliveryWorker {
  worker: Worker<SendJob>;
  /** Jobs this process is working on right now. */
  inHand(): number;
}

export function startDeliveryWorker({ url, client, deadlineMs, transport, logger, metrics, concurrency, lockMs }: DeliveryWorkerOptions): DeliveryWorker {
  let inHand = 0;
  const process = async (job: Job<SendJob>, token?: string) => {
    inHand += 1;
    try {
      return await deliver(transport, client, job, token);
    } finally {
      inHand -= 1;
    }
  };
  const worker = new Worker<SendJob>(queueName, process, {
    connection: { url, ...redisOptions(deadlineMs, { blocking: true }), lazyConnect: false } as ConnectionOptions,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    // A job whose worker died twice in a row is dead-lettered rather than tried forever.
    maxStalledCount: 2,
  });
  // A damaged job (no data) is still logged, by what it has.
  const jobFields = (job: Job<SendJob>) => ({
    requestId: job.data?.requestId,
    type: job.data?.type,
    locale: job.data?.locale,
    messageId: job.data?.message?.messageId,
  });
  worker.on('completed', (job, result: { withdrawn?: boolean } | undefined) => {
    if (result?.withdrawn) return void logger.warn('withdrawn: answered 503, not sent', jobFields(job));
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
  // Redis going away is retried by ioredis; the log says so once per kind of error, as a code.
  logRedisErrors(worker, logger, 'queue connection error');
  return { worker, inHand: () => inHand };
}
