/**
 * Delivers rendered emails to an SMTP server (Mailpit) as real multipart/alternative messages,
 * tagged through Mailpit's `X-Tags` header (comma-separated) with usage type and locale, and
 * with the headers `serve` sends (render/headers.ts), so Mailpit shows what a recipient gets.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { senderHeaders } from '../render/headers.ts';
import type { RenderedEmail } from '../render/types.ts';
import { notReachable } from './errors.ts';

export const previewFrom = 'authmail preview <preview@authmail.test>';
export const previewTo = 'recipient@authmail.test';

export function tagsOf(email: Pick<RenderedEmail, 'type' | 'locale'>): string[] {
  return [email.type, email.locale];
}

export interface Deliverer {
  /** Sends one email; resolves to its Message-ID (angle brackets stripped). */
  send(email: RenderedEmail): Promise<string>;
  close(): void;
}

export function createDeliverer(smtpUrl: string): Deliverer {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:') throw new Error(`SMTP URL ${smtpUrl} must start with smtp:// (e.g. smtp://127.0.0.1:1025).`);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || 1025),
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5_000,
    pool: true,
    maxConnections: 1,
  });
  return {
    async send(email) {
      try {
        const info = await transport.sendMail({
          from: previewFrom,
          to: previewTo,
          subject: email.subject,
          text: email.text,
          html: email.html,
          headers: { ...senderHeaders({ locale: email.locale, entityRefId: randomUUID() }), 'X-Tags': tagsOf(email).join(', ') },
        });
        return info.messageId.replace(/^<|>$/g, '');
      } catch (error) {
        throw notReachable('SMTP', smtpUrl, error);
      }
    },
    close: () => transport.close(),
  };
}
