/**
 * The Redis connections of queue mode, owned here so that Redis failing is bounded and quiet:
 * every client has an error listener (ioredis would otherwise print whole error objects, the
 * AUTH command's password included), errors become one masked line or a log line of codes,
 * connecting has a deadline, and nothing is queued while disconnected (a command that could
 * not be sent fails at once instead of running after its request was answered).
 */
import { Redis, type RedisOptions } from 'ioredis';
import { UsageError } from '../errors.ts';
import { redactUrl, maskSecrets, urlSecrets } from '../secrets.ts';
import type { Logger } from '../logger.ts';

/** Redis could not be reached or refused us: the process cannot start (exit 1). */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/** Replies that will not change by retrying: wrong or missing credentials, a disabled user. */
const fatalReplies = /^(WRONGPASS|NOAUTH|NOPERM|ERR AUTH|ERR invalid password|ERR Client sent AUTH)/;
/**
 * Connection failures that end start-up at once rather than at the deadline: nothing listens
 * there, or the name does not resolve. A process supervisor restarts the process; waiting would
 * only delay the message.
 */
const fatalCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_FAIL']);

/** The short code of a Redis or socket error: ECONNREFUSED, WRONGPASS, ETIMEDOUT … never its text. */
export function redisErrorCode(error: unknown): string {
  const { code, message, name } = (error ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof code === 'string' && code) return code;
  const word = typeof message === 'string' ? /^([A-Z][A-Z_]{2,})\b/.exec(message)?.[1] : undefined;
  if (word) return word;
  if (typeof message === 'string' && /timed out/i.test(message)) return 'ETIMEDOUT';
  if (typeof message === 'string' && /TLS|SSL|secure/i.test(message)) return 'ETLS';
  return typeof name === 'string' && name ? name : 'error';
}

/** One line for a person: what failed, with the URL redacted and every form of its password masked. */
function describeRedisError(error: unknown, url: string): string {
  const code = redisErrorCode(error);
  const hint =
    code === 'WRONGPASS' || code === 'NOAUTH' || code === 'NOPERM'
      ? 'Redis refused the credentials: check the user and password in the URL'
      : code === 'ECONNREFUSED'
        ? 'nothing accepts connections there'
        : code === 'ETLS' || code === 'ECONNRESET' || code === 'EPROTO'
          ? 'the connection broke during set-up (rediss:// to a port without TLS, or the reverse?)'
          : url.toLowerCase().startsWith('rediss:')
            ? 'Redis did not answer (rediss:// to a port without TLS?)'
            : 'Redis did not answer';
  return maskSecrets(`Redis at ${redactUrl(url)}: ${hint} (${code})`, urlSecrets(url));
}

/** The one line a command prints (exit 1): what failed and, for a timeout, the deadline. */
const failure = (error: unknown, url: string, deadlineMs: number) =>
  `${describeRedisError(error, url)}${redisErrorCode(error) === 'ETIMEDOUT' ? `; no answer within ${(deadlineMs / 1000).toFixed(1)} s (AUTHMAIL_QUEUE_DEADLINE_MS)` : ''}.`;

/**
 * ioredis options for one of our clients. `enableOfflineQueue: false` and no resending: a
 * command issued while Redis is away fails at once rather than waiting in memory to run later.
 * Reconnection keeps going (with a cap on the wait) so a long-lived process recovers.
 */
export function redisOptions(deadlineMs: number, { blocking = false } = {}): RedisOptions {
  return {
    lazyConnect: true,
    connectTimeout: deadlineMs,
    enableOfflineQueue: blocking,
    autoResendUnfulfilledCommands: blocking,
    maxRetriesPerRequest: blocking ? null : 0,
    // A Redis that accepts commands and never answers (stopped, overloaded) fails them too.
    ...(!blocking && { commandTimeout: deadlineMs }),
    retryStrategy: (times: number) => Math.min(200 * times, 2_000),
    // ioredis waits this long for a socket to close after disconnect(), holding the process open.
    disconnectTimeout: 200,
  };
}

/**
 * Logs a client's errors as codes, once per change of code (a Redis that stays away produces
 * one line, not one per reconnection attempt).
 */
export function logRedisErrors(emitter: { on(event: 'error', listener: (error: Error) => void): unknown }, logger: Logger, msg = 'redis connection error') {
  let last: string | undefined;
  emitter.on('error', (error: Error) => {
    const errorCode = redisErrorCode(error);
    if (errorCode === last) return;
    last = errorCode;
    logger.warn(msg, { errorCode });
  });
  return { reset: () => (last = undefined) };
}

/** A client for `url` with an error listener from the start (ioredis prints unhandled errors itself). */
export function createRedis(url: string, deadlineMs: number, logger?: Logger): Redis {
  const client = new Redis(url, redisOptions(deadlineMs));
  if (logger) {
    const errors = logRedisErrors(client, logger);
    client.on('ready', () => errors.reset());
  } else client.on('error', () => {});
  return client;
}

/**
 * Connects a lazy client and waits until it is ready, within `deadlineMs`; credentials refused
 * end it at once. On failure the client is disconnected (no reconnection keeps the process
 * alive) and the error is one masked line.
 */
export async function connectRedis(client: Redis, url: string, deadlineMs: number): Promise<void> {
  let lastError: unknown;
  let settle!: { resolve(): void; reject(error: unknown): void };
  const outcome = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const onError = (error: Error) => {
    lastError = error;
    if (fatalReplies.test(error.message) || fatalCodes.has(redisErrorCode(error))) settle.reject(error);
  };
  const onReady = () => settle.resolve();
  client.on('error', onError);
  client.once('ready', onReady);
  const timer = setTimeout(() => settle.reject(lastError ?? Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })), deadlineMs);
  client.connect().catch((error: unknown) => (lastError = error));
  try {
    await outcome;
  } catch (error) {
    client.disconnect();
    throw new RedisUnavailableError(failure(error, url, deadlineMs));
  } finally {
    clearTimeout(timer);
    client.off('error', onError);
    client.off('ready', onReady);
  }
}

/** Runs `operation` against Redis, failing with a masked RedisUnavailableError after `deadlineMs`. */
export async function withRedisDeadline<T>(operation: Promise<T>, url: string, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })), deadlineMs);
  });
  try {
    return await Promise.race([operation, deadline]);
  } catch (error) {
    if (error instanceof UsageError) throw error; // an answer, not a failure to get one (durability.ts)
    throw new RedisUnavailableError(failure(error, url, deadlineMs));
  } finally {
    clearTimeout(timer);
  }
}
