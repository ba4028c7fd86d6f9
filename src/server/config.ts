/**
 * `authmail serve` configuration: environment and flags in, one validated object out.
 * Every failure names the variable or flag and what would be valid, and nothing starts.
 */
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { z } from 'zod';
import { loadLocales, resolveLocale } from '../locales.ts';
import { ConfigError } from '../errors.ts';
import { count, milliseconds, parseEnv } from '../env.ts';
import type { Brand } from '../schema/brand.ts';
import { isLoopback } from '../net.ts';
import { DkimConfigError, loadDkim, type DkimConfig } from '../delivery/dkim.ts';
import { smtpUrlProblem } from '../delivery/smtp-policy.ts';

export interface ServeFlags {
  host?: string;
  port?: number;
  insecureNoAuth?: boolean;
}

export interface ServeConfig {
  host: string;
  port: number;
  /** The exact Authorization header value Logto sends; undefined only with --insecure-no-auth on loopback. */
  authorization: string | undefined;
  smtpUrl: string;
  mailFrom: string;
  defaultLocale: string;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Time a client has to send the request headers, then the whole request (Node's headersTimeout, requestTimeout). */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Open HTTP connections at most; more are dropped at once. */
  maxConnections: number;
  /** The longest a request waits for SMTP, from a free connection to the server's answer. */
  smtpDeadlineMs: number;
  /** Requests that may wait for a free SMTP connection; more are answered 503 at once. */
  smtpQueueLimit: number;
  /** How long a readiness result is reused. */
  readyCacheMs: number;
  /** The drain's own deadline; always longer than the longest request (requestTimeoutMs + smtpDeadlineMs). */
  shutdownTimeoutMs: number;
  /** DKIM signing of every message (delivery/dkim.ts); undefined when no AUTHMAIL_DKIM_* variable is set. */
  dkim: DkimConfig | undefined;
}

export const defaults = {
  host: '127.0.0.1',
  port: 8787,
  smtpUrl: 'smtp://127.0.0.1:1025',
  defaultLocale: 'en',
  bodyLimit: 64 * 1024,
  // A webhook's request is a few KiB sent at once: seconds, not Node's minutes.
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
  // Logto's user waits on the sign-in page for this answer.
  smtpDeadlineMs: 10_000,
  smtpQueueLimit: 100,
  readyCacheMs: 5_000,
  /** Local part of the default sender; the domain comes from the brand's supportEmail. */
  noReplyLocalPart: 'no-reply',
  /** RFC 2606 reserved: a visible placeholder when the brand has no supportEmail to borrow a domain from. */
  fallbackDomain: 'authmail.invalid',
} as const;

const noHeaderBreaks = (value: string) => !/[\r\n\u0000]/.test(value);

/** One mailbox (`Name <addr@host>` or `addr@host`), no groups or lists: it becomes the From header. */
function parseMailbox(value: string): string | undefined {
  if (!noHeaderBreaks(value)) return undefined;
  const parsed = addressparser(value);
  if (parsed.length !== 1) return undefined;
  const [mailbox] = parsed;
  if (!mailbox || 'group' in mailbox) return undefined;
  return z.email().safeParse(mailbox.address).success ? value.trim() : undefined;
}

/** `"<senderName>" <no-reply@<supportEmail's domain>>`, documented in docs/serve.md. */
export function defaultMailFrom(brand: Brand): string {
  const domain = brand.supportEmail?.split('@')[1] ?? defaults.fallbackDomain;
  const name = brand.senderName.replace(/["\\\r\n]/g, '');
  return `"${name}" <${defaults.noReplyLocalPart}@${domain}>`;
}

/**
 * The longest a request can take is receiving it (requestTimeout) plus its SMTP deadline, so the
 * drain must outlast that: then it never cuts a send a client is still waiting on. The default
 * adds a few seconds in which a send already answered 504 may end on its own.
 */
export const longestRequestMs = ({ requestTimeoutMs, smtpDeadlineMs }: Pick<ServeConfig, 'requestTimeoutMs' | 'smtpDeadlineMs'>) =>
  requestTimeoutMs + smtpDeadlineMs;
export const defaultShutdownTimeoutMs = (limits: Pick<ServeConfig, 'requestTimeoutMs' | 'smtpDeadlineMs'>) => longestRequestMs(limits) + 5_000;

const envSchema = z.object({
  AUTHMAIL_AUTHORIZATION: z
    .string()
    .min(1, 'must not be empty')
    .refine(noHeaderBreaks, 'must be one header line')
    // HTTP drops a header value's surrounding whitespace, so such a value could never match.
    .refine((value) => value === value.trim(), 'has leading or trailing whitespace, which HTTP strips from every header: no request could match it; remove it')
    .optional(),
  AUTHMAIL_HOST: z.string().min(1).optional(),
  AUTHMAIL_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), 'must be an smtp:// or smtps:// URL (nodemailer connection URL)')
    .superRefine((value, ctx) => {
      const problem = URL.canParse(value) ? smtpUrlProblem(value) : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .refine((value) => parseMailbox(value) !== undefined, 'must be one mailbox: "Name <no-reply@example.com>" or no-reply@example.com')
    .optional(),
  AUTHMAIL_DEFAULT_LOCALE: z.string().min(1).optional(),
  AUTHMAIL_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024, 'must be at least 1024 bytes')
    .max(10 * 1024 * 1024, 'must be at most 10 MiB')
    .optional(),
  AUTHMAIL_HEADERS_TIMEOUT_MS: milliseconds(100, 120_000),
  AUTHMAIL_REQUEST_TIMEOUT_MS: milliseconds(100, 600_000),
  AUTHMAIL_KEEP_ALIVE_TIMEOUT_MS: milliseconds(100, 600_000),
  AUTHMAIL_MAX_CONNECTIONS: count(1, 100_000),
  AUTHMAIL_SMTP_DEADLINE_MS: milliseconds(100, 300_000),
  AUTHMAIL_SMTP_QUEUE_LIMIT: count(0, 100_000),
  AUTHMAIL_READY_CACHE_MS: milliseconds(0, 600_000),
  AUTHMAIL_SHUTDOWN_TIMEOUT_MS: milliseconds(100, 900_000),
  // Checked by delivery/dkim.ts, whose messages never quote the key.
  AUTHMAIL_DKIM_DOMAIN: z.string().optional(),
  AUTHMAIL_DKIM_SELECTOR: z.string().optional(),
  AUTHMAIL_DKIM_PRIVATE_KEY: z.string().optional(),
  AUTHMAIL_DKIM_PRIVATE_KEY_FILE: z.string().optional(),
});

/**
 * Flags win over environment variables, which win over the project config file's settings
 * (`project`: its defaultLocale and Mailpit SMTP URL); `env` is injectable so tests never touch process.env.
 */
export function loadServeConfig({
  env = process.env,
  flags = {},
  brand,
  localesDir,
  project = {},
}: {
  env?: NodeJS.ProcessEnv;
  flags?: ServeFlags;
  brand: Brand;
  localesDir?: string;
  project?: { defaultLocale?: string; smtpUrl?: string };
}): ServeConfig {
  const vars = parseEnv(envSchema, env);

  const host = flags.host ?? vars.AUTHMAIL_HOST ?? defaults.host;
  const port = flags.port ?? vars.AUTHMAIL_PORT ?? defaults.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`Invalid port ${port}: use 0–65535.`);

  const authorization = vars.AUTHMAIL_AUTHORIZATION;
  if (!authorization) {
    if (!flags.insecureNoAuth) {
      throw new ConfigError(
        'AUTHMAIL_AUTHORIZATION is not set. Set it to the exact Authorization header configured in Logto\'s HTTP email connector (e.g. "Bearer <random token>"), or pass --insecure-no-auth for local development on a loopback host.'
      );
    }
    if (!isLoopback(host)) {
      throw new ConfigError(
        `--insecure-no-auth only works on a loopback host (127.0.0.1, ::1, localhost); "${host}" is reachable from other machines. Set AUTHMAIL_AUTHORIZATION.`
      );
    }
  }

  let defaultLocale: string;
  try {
    defaultLocale = resolveLocale(vars.AUTHMAIL_DEFAULT_LOCALE ?? project.defaultLocale ?? defaults.defaultLocale, loadLocales(localesDir));
  } catch (error) {
    throw new ConfigError(`AUTHMAIL_DEFAULT_LOCALE: ${(error as Error).message}`);
  }

  const headersTimeoutMs = vars.AUTHMAIL_HEADERS_TIMEOUT_MS ?? defaults.headersTimeoutMs;
  const requestTimeoutMs = vars.AUTHMAIL_REQUEST_TIMEOUT_MS ?? Math.max(defaults.requestTimeoutMs, headersTimeoutMs);
  // Node refuses a headers timeout longer than the request timeout that contains it.
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`AUTHMAIL_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not be longer than AUTHMAIL_REQUEST_TIMEOUT_MS (${requestTimeoutMs}).`);
  }
  const smtpDeadlineMs = vars.AUTHMAIL_SMTP_DEADLINE_MS ?? defaults.smtpDeadlineMs;
  const shutdownTimeoutMs = vars.AUTHMAIL_SHUTDOWN_TIMEOUT_MS ?? defaultShutdownTimeoutMs({ requestTimeoutMs, smtpDeadlineMs });
  // A request still being received when the drain starts is answered within this; a shorter drain could cut its send.
  if (shutdownTimeoutMs <= longestRequestMs({ requestTimeoutMs, smtpDeadlineMs })) {
    throw new ConfigError(
      `AUTHMAIL_SHUTDOWN_TIMEOUT_MS (${shutdownTimeoutMs}) must be longer than AUTHMAIL_REQUEST_TIMEOUT_MS + AUTHMAIL_SMTP_DEADLINE_MS ` +
        `(${requestTimeoutMs} + ${smtpDeadlineMs}), the longest a request can take, or a shutdown could cut a send in progress.`
    );
  }

  let dkim: DkimConfig | undefined;
  try {
    dkim = loadDkim(vars);
  } catch (error) {
    if (error instanceof DkimConfigError) throw new ConfigError(error.message);
    throw error;
  }

  // SMTP_URL was checked with the environment; the config file's URL gets the same policy here.
  const projectSmtpProblem = !vars.SMTP_URL && project.smtpUrl && URL.canParse(project.smtpUrl) ? smtpUrlProblem(project.smtpUrl) : undefined;
  if (projectSmtpProblem) throw new ConfigError(`mailpit.smtp in the config file (used by serve when SMTP_URL is not set) ${projectSmtpProblem}`);

  return {
    host,
    port,
    authorization,
    smtpUrl: vars.SMTP_URL ?? project.smtpUrl ?? defaults.smtpUrl,
    mailFrom: vars.MAIL_FROM ? parseMailbox(vars.MAIL_FROM)! : defaultMailFrom(brand),
    defaultLocale,
    bodyLimit: vars.AUTHMAIL_BODY_LIMIT ?? defaults.bodyLimit,
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: vars.AUTHMAIL_KEEP_ALIVE_TIMEOUT_MS ?? defaults.keepAliveTimeoutMs,
    maxConnections: vars.AUTHMAIL_MAX_CONNECTIONS ?? defaults.maxConnections,
    smtpDeadlineMs,
    smtpQueueLimit: vars.AUTHMAIL_SMTP_QUEUE_LIMIT ?? defaults.smtpQueueLimit,
    readyCacheMs: vars.AUTHMAIL_READY_CACHE_MS ?? defaults.readyCacheMs,
    shutdownTimeoutMs,
    dkim,
  };
}
