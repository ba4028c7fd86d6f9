/**
 * The SMTP edge: what serve and the queue's workers need from nodemailer, the real transport,
 * and the message built from a rendered email. Tests inject a real transport pointed at Mailpit
 * or an smtp-server.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { senderHeaders } from '../render/headers.ts';
import type { RenderedEmail } from '../render/types.ts';
import { stripHeaderBreaks } from '../render/placeholders.ts';
import { signedHeaderFields, type DkimConfig } from './dkim.ts';
import { smtpSecurity } from './smtp-policy.ts';
import { cleanSubject, encodeSubject } from './subject.ts';

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /**
   * nodemailer encodes a mostly non-ASCII text part (Thai, CJK, Cyrillic) as base64, which
   * rspamd scores MIME_BASE64_TEXT (0.1); quoted-printable costs about 10% more bytes. For Thai,
   * which rspamd's R_MIXED_CHARSET already puts near its greylist threshold of 4, that 0.1 keeps
   * sign-in and MFA codes from being greylisted (delayed) (docs/deliverability.md).
   */
  textEncoding: 'quoted-printable';
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

/** Connections the pool keeps; the send gate lets exactly this many sends run at once. */
export const smtpPoolSize = 5;

/**
 * nodemailer options for SMTP_URL. The URL's own options (its query) are applied over these by
 * nodemailer, which is why config refuses the ones that would weaken TLS or AUTH (smtp-policy.ts).
 * Set-up (connect, greeting) gets half the deadline, so a server that cannot be reached fails
 * as such (502, not delivered) before the deadline makes its outcome unknown. The socket
 * timeout is twice the deadline: a slow server is not cut off in the middle of a message at the
 * moment its request is answered 504; it gets another deadline to answer, and the log says how
 * the send ended.
 */
export function smtpTransportOptions(url: string, deadlineMs: number, dkim?: DkimConfig) {
  const { requireTls, requireAuth } = smtpSecurity(url);
  const setupMs = Math.min(10_000, Math.ceil(deadlineMs / 2));
  return {
    url,
    pool: true,
    maxConnections: smtpPoolSize,
    connectionTimeout: setupMs,
    greetingTimeout: setupMs,
    socketTimeout: 2 * deadlineMs,
    requireTLS: requireTls,
    forceAuth: requireAuth,
    // Signs each message as it is sent; the key was checked at start-up (dkim.ts).
    ...(dkim && {
      dkim: { domainName: dkim.domainName, keySelector: dkim.keySelector, privateKey: dkim.privateKey, headerFieldNames: signedHeaderFields.join(':') },
    }),
  };
}

/** A pooled transport: a few long-lived connections instead of one handshake per email. */
export function createSmtpTransport(url: string, deadlineMs: number, dkim?: DkimConfig): MailTransport {
  return nodemailer.createTransport(
    smtpTransportOptions(url, deadlineMs, dkim) as Parameters<typeof nodemailer.createTransport>[0]
  ) as unknown as MailTransport;
}

/**
 * Everything that becomes a header is CR/LF-free (`to` is re-checked); the subject is cleaned,
 * capped and encoded here (subject.ts), so no payload value can become another header or text.
 * The sender headers (render/headers.ts) carry a fresh X-Entity-Ref-ID for each message.
 */
export function composeMessage(
  email: RenderedEmail,
  { from, to, entityRefId = randomUUID() }: { from: string; to: string; entityRefId?: string }
): OutgoingMessage {
  return {
    from,
    to: stripHeaderBreaks(to),
    subject: encodeSubject(cleanSubject(email.subject)),
    html: email.html,
    text: email.text,
    headers: senderHeaders({ locale: email.locale, entityRefId }),
    textEncoding: 'quoted-printable',
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
