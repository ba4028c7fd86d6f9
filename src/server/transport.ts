/**
 * The SMTP edge: what the app needs from nodemailer, the real transport, and the message built
 * from a rendered email. Tests inject a real transport pointed at Mailpit or an smtp-server.
 */
import nodemailer from 'nodemailer';
import type { RenderedEmail } from '../render/types.ts';
import { stripHeaderBreaks } from '../render/placeholders.ts';

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** Plain strings only: nodemailer must never read files or fetch URLs on a payload's behalf. */
  disableFileAccess: true;
  disableUrlAccess: true;
}

export interface DeliveryInfo {
  messageId: string;
  accepted: unknown[];
  rejected: unknown[];
}

/** The subset of a nodemailer Transporter the server uses. */
export interface MailTransport {
  sendMail(message: OutgoingMessage): Promise<DeliveryInfo>;
  /** Resolves when the SMTP server is reachable (and accepts our credentials). */
  verify(): Promise<unknown>;
  close(): void;
}

/**
 * A pooled transport: a few long-lived connections instead of one handshake per email. Timeouts
 * are shorter than nodemailer's (minutes), so a hung server turns into a 502 Logto can report.
 */
export function createSmtpTransport(url: string): MailTransport {
  return nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 5,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]) as unknown as MailTransport;
}

/** Everything that becomes a header is CR/LF-free (the subject already is; `to` is re-checked). */
export function composeMessage(email: RenderedEmail, { from, to }: { from: string; to: string }): OutgoingMessage {
  return {
    from,
    to: stripHeaderBreaks(to),
    subject: stripHeaderBreaks(email.subject),
    html: email.html,
    text: email.text,
    headers: { 'Content-Language': email.locale },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
