/**
 * What `authmail queue status` and `queue retry` read and change: the job counts and the dead
 * letters (BullMQ's failed state). A dead letter is shown by job id, type, locale, attempts
 * and SMTP reason codes, never by recipient or code.
 */
import type { Queue } from 'bullmq';
import type { SendJob } from './jobs.ts';
import { jobStates, type JobCounts } from './metrics.ts';

export interface DeadLetter {
  jobId: string;
  type: string;
  locale: string;
  attempts: number;
  failedAt: string | undefined;
  reason: string;
}

export interface QueueStatus {
  counts: JobCounts;
  /** Jobs waiting to be delivered: waiting, delayed (backing off), prioritized and active. */
  depth: number;
  deadLetters: DeadLetter[];
}

export async function queueStatus(queue: Queue, { limit = 50 } = {}): Promise<QueueStatus> {
  const counts = (await queue.getJobCounts(...jobStates)) as JobCounts;
  const failed = await queue.getFailed(0, limit - 1);
  const deadLetters = failed.map((job) => {
    const data = job.data as SendJob;
    return {
      jobId: String(job.id),
      type: data.type,
      locale: data.locale,
      attempts: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
      // Set by the worker from SMTP codes only (worker.ts reasonOf); BullMQ's own reasons are fixed texts.
      reason: String(job.failedReason ?? ''),
    };
  });
  const depth = (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0) + (counts.active ?? 0);
  return { counts, depth, deadLetters };
}

/** Moves every dead letter back to waiting with a fresh set of attempts; returns how many moved. */
export async function retryDeadLetters(queue: Queue): Promise<number> {
  const jobs = await queue.getFailed(0, -1);
  // BullMQ's bulk retryJobs keeps attemptsMade, so a retried job would fail for good at its next error.
  await Promise.all(jobs.map((job) => job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })));
  return jobs.length;
}
