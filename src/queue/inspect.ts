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
    // A job whose data is gone (evicted keys) is still listed, by id.
    const data = (job.data ?? {}) as Partial<SendJob>;
    return {
      jobId: String(job.id),
      type: data.type ?? '(no data)',
      locale: data.locale ?? '-',
      attempts: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
      // Set by the worker from SMTP codes only (worker.ts reasonOf); BullMQ's own reasons are fixed texts.
      reason: String(job.failedReason ?? ''),
    };
  });
  const depth = (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0) + (counts.active ?? 0);
  return { counts, depth, deadLetters };
}

export interface RetryReport {
  retried: number;
  /** Left as dead letters: their code expired (a delivery would carry a dead code) or their data is gone. */
  expired: number;
  damaged: number;
}

/**
 * Moves every dead letter whose code is still valid back to waiting with a fresh set of attempts.
 * The others stay, and are counted: retrying them could only fail again, or send a dead code.
 */
export async function retryDeadLetters(queue: Queue, now = Date.now()): Promise<RetryReport> {
  const jobs = await queue.getFailed(0, -1);
  const report: RetryReport = { retried: 0, expired: 0, damaged: 0 };
  const retry: typeof jobs = [];
  for (const job of jobs) {
    const data = job.data as Partial<SendJob> | undefined;
    if (!data?.message) report.damaged += 1;
    else if (typeof data.expiresAt === 'number' && now >= data.expiresAt) report.expired += 1;
    else retry.push(job);
  }
  // BullMQ's bulk retryJobs keeps attemptsMade, so a retried job would fail for good at its next error.
  await Promise.all(retry.map((job) => job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })));
  report.retried = retry.length;
  return report;
}
