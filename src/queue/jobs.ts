/**
 * What a queued send is: the job id derived from the request, the job's data, and the retry
 * policy. Producer (serve) and worker read these from here, and nothing else defines them.
 */
import { createHash } from 'node:crypto';
import type { OutgoingMessage } from '../delivery/transport.ts';

/** One BullMQ queue shared by every serve and worker instance on the same Redis. */
export const queueName = 'authmail-send';

/** A retried POST within the same minute maps to the same job; a new minute is a new send. */
export const dedupWindowMs = 60_000;

/**
 * The job id: a hash of the request body, the recipient and the minute it arrived in. BullMQ
 * ignores an add whose id exists, so Logto's retry of the same request enqueues once. The
 * hash, not the body, is the id: Redis keys and logs never carry an address or a code.
 */
export function jobIdFor(body: unknown, to: string, now = Date.now()): string {
  const bucket = Math.floor(now / dedupWindowMs);
  return `m${createHash('sha256')
    .update(JSON.stringify([body, to, bucket]))
    .digest('hex')
    .slice(0, 40)}`;
}

/**
 * The Message-ID the email is sent with, fixed when it is enqueued: Logto gets it in the 200,
 * and every delivery attempt of one job carries the same one, so a duplicate is recognisable.
 */
export function messageIdFor(jobId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'authmail.invalid';
  return `<${jobId}@${domain}>`;
}

export type QueuedMessage = OutgoingMessage & { messageId: string };

/** The job's data: the rendered message (rendering never happens in a worker) and log fields. */
export interface SendJob {
  message: QueuedMessage;
  requestId: string;
  type: string;
  locale: string;
  /** Epoch ms when it was enqueued: the delivery latency counts from here. */
  enqueuedAt: number;
  /** Epoch ms when the code expires (enqueuedAt + code lifetime): no attempt starts after it. */
  expiresAt: number;
}

/**
 * The mark a serve instance sets on a job id it answered 503 for although the add may have reached
 * Redis (late, or with its answer lost). A worker never sends a marked job; a later request with
 * the same id that is answered 200 removes the mark. Outside BullMQ's keys, under its own name.
 */
export const withdrawnKey = (jobId: string) => `${queueName}:withdrawn:${jobId}`;

export interface RetryPolicy {
  /** Delivery attempts before the job is dead-lettered (BullMQ's failed state). */
  attempts: number;
  /** First retry delay; each next one doubles. */
  backoffMs: number;
}

/**
 * The first retry's delay. The number of attempts follows the code lifetime (config.ts
 * attemptsWithin): from 1 s, 10 attempts span about 8.5 min (1 + 2 + … + 256 s), within the 10
 * minutes a Logto code is valid by default, after which a delivery would be useless.
 */
export const defaultBackoffMs = 1_000;

/** Completed jobs are kept long enough for the dedup window (their ids must still exist). */
export const keepCompletedSeconds = 3_600;

export function jobOptions(jobId: string, { attempts, backoffMs }: RetryPolicy) {
  return {
    jobId,
    attempts,
    backoff: { type: 'exponential' as const, delay: backoffMs },
    removeOnComplete: { age: keepCompletedSeconds },
    // Failed after every attempt = dead letter: kept until retried (`authmail queue retry`).
    removeOnFail: false,
  };
}
