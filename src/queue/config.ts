/**
 * Queue-mode settings: the Redis URL (--queue, else AUTHMAIL_REDIS_URL or AUTHMAIL_REDIS_URL_FILE),
 * the deadline of every Redis operation, and the retry policy, which must fit in the code
 * lifetime. Every failure names the flag or variable and what is valid, and never the password.
 */
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { defaultCodeLifetime } from '../render/lifetime.ts';
import { redactUrl, variableOrFile } from '../secrets.ts';
import { count, parseEnv } from '../env.ts';
import { defaultBackoffMs, type RetryPolicy } from './jobs.ts';

export interface QueueConfig extends RetryPolicy {
  url: string;
  /** See DeliveryWorkerOptions.lockMs. */
  lockMs: number;
  /**
   * The longest a Redis operation may take before it counts as failed: confirming an enqueue
   * (else 503), connecting at start-up (else exit 1), a readiness probe, a `queue` command.
   */
  deadlineMs: number;
  /** The code's lifetime: a message is sent only within it, and the retries fit in it. */
  codeLifetimeMs: number;
  /** --accept-job-loss: start although Redis may lose or evict jobs (durability.ts). */
  acceptJobLoss: boolean;
}

/** BullMQ's default lock: a dead worker's jobs are taken over after this long. */
export const defaultLockMs = 30_000;

/** Long enough for a Redis across a network, short enough that Logto's request (10 s) gets the 503 in time. */
const defaultQueueDeadlineMs = 5_000;

const envSchema = z.object({
  AUTHMAIL_QUEUE_ATTEMPTS: count(1, 100),
  AUTHMAIL_QUEUE_BACKOFF_MS: count(10, 600_000),
  AUTHMAIL_QUEUE_LOCK_MS: count(1_000, 600_000),
  AUTHMAIL_QUEUE_DEADLINE_MS: count(100, 60_000),
});

/**
 * How many attempts start within the lifetime: attempt n starts after backoff × (2^(n-1) − 1)
 * (BullMQ's exponential backoff), and one that would start after the code expired is useless.
 */
export function attemptsWithin(lifetimeMs: number, backoffMs: number): number {
  let attempts = 1;
  while (attempts < 100 && backoffMs * (2 ** attempts - 1) < lifetimeMs) attempts += 1;
  return attempts;
}

/** The Redis URL: the flag's value, else AUTHMAIL_REDIS_URL(_FILE), so the password need not be in `ps`. */
function resolveRedisUrl(flag: string | boolean | undefined, env: NodeJS.ProcessEnv): string {
  const url = typeof flag === 'string' ? flag : variableOrFile(env, 'AUTHMAIL_REDIS_URL');
  const source = typeof flag === 'string' ? '--queue' : env.AUTHMAIL_REDIS_URL_FILE ? 'AUTHMAIL_REDIS_URL_FILE' : 'AUTHMAIL_REDIS_URL';
  if (!url)
    throw new ConfigError(
      'No Redis URL: pass --queue <redis-url>, or set AUTHMAIL_REDIS_URL (or AUTHMAIL_REDIS_URL_FILE, a file holding it) and pass --queue alone.'
    );
  if (!/^rediss?:\/\/\S+$/i.test(url) || !URL.canParse(url))
    throw new ConfigError(
      `${source} "${redactUrl(url)}" is not a Redis URL: use redis://host:port or rediss://host:port (optionally with user:password@ and /db).`
    );
  return url;
}

export function loadQueueConfig(
  flag: string | boolean | undefined,
  env: NodeJS.ProcessEnv = process.env,
  { codeLifetime = defaultCodeLifetime, acceptJobLoss = false }: { codeLifetime?: number; acceptJobLoss?: boolean } = {}
): QueueConfig {
  const url = resolveRedisUrl(flag, env);
  const vars = parseEnv(envSchema, env);
  const codeLifetimeMs = codeLifetime * 1000;
  const backoffMs = vars.AUTHMAIL_QUEUE_BACKOFF_MS ?? defaultBackoffMs;
  const fit = attemptsWithin(codeLifetimeMs, backoffMs);
  const attempts = vars.AUTHMAIL_QUEUE_ATTEMPTS ?? fit;
  if (attempts > fit) {
    throw new ConfigError(
      `AUTHMAIL_QUEUE_ATTEMPTS (${attempts}) with AUTHMAIL_QUEUE_BACKOFF_MS (${backoffMs}) would start its last attempt ${Math.round((backoffMs * (2 ** (attempts - 1) - 1)) / 1000)} s after the first, ` +
        `after the code expired (code lifetime ${codeLifetime} s): at most ${fit} attempts fit. Lower one of them, or raise --code-lifetime to the tenant's.`
    );
  }
  return {
    url,
    attempts,
    backoffMs,
    lockMs: vars.AUTHMAIL_QUEUE_LOCK_MS ?? defaultLockMs,
    deadlineMs: vars.AUTHMAIL_QUEUE_DEADLINE_MS ?? defaultQueueDeadlineMs,
    codeLifetimeMs,
    acceptJobLoss,
  };
}

/**
 * Plain `serve` with a Redis URL in the environment: the operator most likely meant queue mode,
 * and silently sending synchronously would change what a 200 means. Refused, naming the fix.
 */
export function refuseQueueWithoutFlag(env: NodeJS.ProcessEnv = process.env) {
  const set = ['AUTHMAIL_REDIS_URL', 'AUTHMAIL_REDIS_URL_FILE'].find((name) => env[name]);
  if (set) throw new ConfigError(`${set} is set but --queue is not: pass --queue for queue mode, or unset ${set} for the synchronous mode.`);
}
