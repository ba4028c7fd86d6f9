/**
 * What an SMTP URL asks of the connection, as nodemailer reads it, and the rules authmail adds:
 * credentials never cross the network in the clear (TLS is required unless the host is this
 * machine), and configured credentials must be accepted (a server that offers no AUTH is a
 * failure, not a reason to send unauthenticated). Kept free of nodemailer so config loading and
 * CLI start-up stay light.
 *
 * nodemailer applies a URL's query over the options it is given (and reads `0` as false), so the
 * rules are checked twice: the options that decide TLS, login or the destination are refused in
 * a URL by name, and the options nodemailer would end up with are checked against the rules.
 */
import { isLoopback } from '../net.ts';

export interface SmtpSecurity {
  /** The URL carries a user or password. */
  credentials: boolean;
  /** smtps://: TLS from the first byte. */
  implicitTls: boolean;
  /** STARTTLS must succeed before anything else is sent (nodemailer `requireTLS`). */
  requireTls: boolean;
  /** AUTH must succeed even when the server does not offer it (nodemailer `forceAuth`). */
  requireAuth: boolean;
}

export function smtpSecurity(url: string): SmtpSecurity {
  const parsed = new URL(url);
  const credentials = parsed.username !== '' || parsed.password !== '';
  const implicitTls = parsed.protocol === 'smtps:';
  return { credentials, implicitTls, requireTls: credentials && !implicitTls && !isLoopback(parsed.hostname), requireAuth: credentials };
}

/**
 * URL options that decide TLS, the login or where the connection goes. authmail sets them from
 * the scheme and the credentials; in a URL they could only undo that (nodemailer lets the URL
 * win), whatever their value, so they are refused by name. `tls.*` covers every TLS setting.
 */
const reservedOptions = [
  'secure',
  'ignoreTLS',
  'requireTLS',
  'opportunisticTLS',
  'forceAuth',
  'auth',
  'authMethod',
  'host',
  'port',
  'service',
  'proxy',
  'direct',
  'tls',
];

/** The URL's query as nodemailer turns it into options (shared/index.js parseConnectionUrl): numbers, then true/false. */
function urlOptions(parsed: URL): Record<string, unknown> {
  const options: Record<string, unknown> & { tls?: Record<string, unknown> } = {};
  for (const [key, raw] of parsed.searchParams) {
    let value: unknown = raw;
    if (!Number.isNaN(Number(raw))) value = Number(raw);
    if (raw === 'true') value = true;
    if (raw === 'false') value = false;
    if (key.startsWith('tls.')) (options.tls ??= {})[key.slice(4)] = value;
    else if (!key.includes('.')) options[key] = value;
  }
  return options;
}

/**
 * The options nodemailer would connect with: authmail's own (transport.ts) with the URL's query
 * applied over them, as nodemailer does. Exported so the check below and the tests read the same thing.
 */
export function resolvedSmtpOptions(url: string) {
  const parsed = new URL(url);
  const { credentials, implicitTls, requireTls, requireAuth } = smtpSecurity(url);
  return {
    host: parsed.hostname,
    secure: implicitTls,
    requireTLS: requireTls,
    forceAuth: requireAuth,
    ignoreTLS: false as unknown,
    credentials,
    ...urlOptions(parsed),
  } as { host: unknown; secure: unknown; requireTLS: unknown; forceAuth: unknown; ignoreTLS: unknown; credentials: boolean; tls?: Record<string, unknown> };
}

/**
 * Why an SMTP URL is refused, or undefined. The message names the options only, never a
 * value from the URL's user or password.
 */
export function smtpUrlProblem(url: string): string | undefined {
  const parsed = new URL(url);
  const refused = [...new Set([...parsed.searchParams.keys()].filter((key) => reservedOptions.includes(key) || key.startsWith('tls.')))];
  if (refused.length) {
    return (
      `sets ${refused.join(', ')} in its query; authmail decides TLS and the login from the scheme and the credentials, and a URL option could only weaken them. ` +
      'Remove the option: use smtps:// for TLS from the first byte; credentials to another host require STARTTLS over smtp://.'
    );
  }
  const resolved = resolvedSmtpOptions(url);
  if (!resolved.credentials) return undefined;
  const problems: string[] = [];
  const remote = typeof resolved.host !== 'string' || !isLoopback(resolved.host);
  if (remote && resolved.secure !== true && (resolved.requireTLS !== true || resolved.ignoreTLS))
    problems.push('TLS (smtps://, or smtp:// with STARTTLS required)');
  if (remote && resolved.tls?.rejectUnauthorized === false) problems.push('a verified certificate');
  if (resolved.forceAuth !== true) problems.push('an accepted login');
  return problems.length ? `carries credentials, so authmail requires ${problems.join(' and ')}; the options it resolves to do not` : undefined;
}
