/**
 * Queue-mode settings: the Redis URL (--queue) and the retry policy and lock from the
 * environment. Every failure names the flag or variable and what is valid.
 */
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { count, parseEnv, redactSmtpUrl } from '../server/config.ts';
import { defaultRetryPolicy, type RetryPolicy } from './jobs.ts';

export interface QueueConfig extends RetryPolicy {
  url: string;
  /** See DeliveryWorkerOptions.lockMs. */
  lockMs: number;
}

/** BullMQ's default lock: a dead worker's jobs are taken over after this long. */
export const defaultLockMs = 30_000;

const envSchema = z.object({
  AUTHMAIL_QUEUE_ATTEMPTS: count(1, 100),
  AUTHMAIL_QUEUE_BACKOFF_MS: count(10, 600_000),
  AUTHMAIL_QUEUE_LOCK_MS: count(1_000, 600_000),
});

export function loadQueueConfig(url: string, env: NodeJS.ProcessEnv = process.env): QueueConfig {
  if (!/^rediss?:\/\/\S+$/i.test(url) || !URL.canParse(url)) throw new ConfigError(`--queue "${redactSmtpUrl(url)}" is not a Redis URL: use redis://host:port or rediss://host:port (optionally with user:password@ and /db).`);
  const vars = parseEnv(envSchema, env);
  return {
    url,
    attempts: vars.AUTHMAIL_QUEUE_ATTEMPTS ?? defaultRetryPolicy.attempts,
    backoffMs: vars.AUTHMAIL_QUEUE_BACKOFF_MS ?? defaultRetryPolicy.backoffMs,
    lockMs: vars.AUTHMAIL_QUEUE_LOCK_MS ?? defaultLockMs,
  };
}

