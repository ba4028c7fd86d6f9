/**
 * What an SMTP_URL asks of the connection, as nodemailer reads it, and the rules authmail adds:
 * credentials never cross the network in the clear (TLS is required unless the host is this
 * machine), and configured credentials must be accepted (a server that offers no AUTH is a
 * failure, not a reason to send unauthenticated). Kept free of nodemailer so config loading and
 * CLI start-up stay light.
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

/** URL options (nodemailer reads the query string as options) that would undo the rules above. */
const weakening: readonly [key: string, value: string, onlyRemote: boolean][] = [
  ['ignoreTLS', 'true', true],
  ['requireTLS', 'false', true],
  ['tls.rejectUnauthorized', 'false', true],
  ['forceAuth', 'false', false],
];

/** Why an SMTP_URL is refused, or undefined. */
export function smtpUrlProblem(url: string): string | undefined {
  const parsed = new URL(url);
  if (!smtpSecurity(url).credentials) return undefined;
  const remote = !isLoopback(parsed.hostname);
  const undone = weakening.filter(([key, value, onlyRemote]) => (remote || !onlyRemote) && parsed.searchParams.get(key)?.toLowerCase() === value);
  if (!undone.length) return undefined;
  return (
    `carries credentials, so authmail requires ${remote ? 'a verified TLS connection (smtps://, or STARTTLS) and ' : ''}an accepted login; ` +
    `remove ${undone.map(([key, value]) => `${key}=${value}`).join(', ')}`
  );
}
