/**
 * `authmail serve` configuration: environment and flags in, one validated object out.
 * Every failure names the variable or flag and what would be valid, and nothing starts.
 */
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { z } from 'zod';
import { loadLocales, resolveLocale } from '../locales.ts';
import { formatIssues, issuesOf, type Brand } from '../schema/brand.ts';
import { isLoopback } from '../net.ts';

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
}

export const defaults = {
  host: '127.0.0.1',
  port: 8787,
  smtpUrl: 'smtp://127.0.0.1:1025',
  defaultLocale: 'en',
  bodyLimit: 64 * 1024,
  /** Local part of the default sender; the domain comes from the brand's supportEmail. */
  noReplyLocalPart: 'no-reply',
  /** RFC 2606 reserved: a visible placeholder when the brand has no supportEmail to borrow a domain from. */
  fallbackDomain: 'authmail.invalid',
} as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export { isLoopback };

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

const envSchema = z.object({
  AUTHMAIL_AUTHORIZATION: z.string().min(1, 'must not be empty').refine(noHeaderBreaks, 'must be one header line').optional(),
  AUTHMAIL_HOST: z.string().min(1).optional(),
  AUTHMAIL_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\/[^\s]+$/i.test(value), 'must be an smtp:// or smtps:// URL (nodemailer connection URL)')
    .optional(),
  MAIL_FROM: z.string().refine((value) => parseMailbox(value) !== undefined, 'must be one mailbox: "Name <no-reply@example.com>" or no-reply@example.com').optional(),
  AUTHMAIL_DEFAULT_LOCALE: z.string().min(1).optional(),
  AUTHMAIL_BODY_LIMIT: z.coerce.number().int().min(1024, 'must be at least 1024 bytes').max(10 * 1024 * 1024, 'must be at most 10 MiB').optional(),
});

/** Flags win over environment variables; `env` is injectable so tests never touch process.env. */
export function loadServeConfig(
  { env = process.env, flags = {}, brand, localesDir }: { env?: NodeJS.ProcessEnv; flags?: ServeFlags; brand: Brand; localesDir?: string }
): ServeConfig {
  // Empty variables are "unset": container platforms often define them blank.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(`Invalid environment:\n${formatIssues(issuesOf(parsed.error))}`);
  const vars = parsed.data;

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
      throw new ConfigError(`--insecure-no-auth only works on a loopback host (127.0.0.1, ::1, localhost); "${host}" is reachable from other machines. Set AUTHMAIL_AUTHORIZATION.`);
    }
  }

  let defaultLocale: string;
  try {
    defaultLocale = resolveLocale(vars.AUTHMAIL_DEFAULT_LOCALE ?? defaults.defaultLocale, loadLocales(localesDir));
  } catch (error) {
    throw new ConfigError(`AUTHMAIL_DEFAULT_LOCALE: ${(error as Error).message}`);
  }

  return {
    host,
    port,
    authorization,
    smtpUrl: vars.SMTP_URL ?? defaults.smtpUrl,
    mailFrom: vars.MAIL_FROM ? parseMailbox(vars.MAIL_FROM)! : defaultMailFrom(brand),
    defaultLocale,
    bodyLimit: vars.AUTHMAIL_BODY_LIMIT ?? defaults.bodyLimit,
  };
}

/** The SMTP URL without its password, for logs and startup messages. */
export function redactSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.username) parsed.username = '***';
    parsed.search = ''; // query options may carry credentials too
    return parsed.toString();
  } catch {
    return '(unparseable SMTP_URL)';
  }
}
