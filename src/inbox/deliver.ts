/**
 * Delivers rendered emails to an SMTP server (Mailpit) as real multipart/alternative messages,
 * tagged through Mailpit's `X-Tags` header (comma-separated) with usage type and locale, and
 * with the headers `serve` sends (render/headers.ts), so Mailpit shows what a recipient gets.
 * The brand's preview logo files travel inline (CID parts) in place of the https logo URLs,
 * which need not resolve on a developer's machine.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import nodemailer from 'nodemailer';
import { senderHeaders } from '../render/headers.ts';
import { replaceImageSources, type PreviewImage } from '../render/preview-images.ts';
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

/** The message's HTML with each referenced preview image as `cid:`, and those images as inline parts. */
export function withInlineImages(html: string, images: readonly PreviewImage[]) {
  let out = html;
  const attachments: { filename: string; path: string; cid: string; contentDisposition: 'inline' }[] = [];
  for (const [index, image] of images.entries()) {
    const cid = `logo-${index}@authmail.preview`;
    const replaced = replaceImageSources(out, [{ url: image.url, src: `cid:${cid}` }]);
    if (replaced === out) continue; // e.g. the payload's organization logo is shown instead
    out = replaced;
    attachments.push({ filename: basename(image.file), path: image.file, cid, contentDisposition: 'inline' });
  }
  return { html: out, attachments };
}

/**
 * The message `preview` sends for one email (nodemailer's options): its parts, the brand's logo
 * files inline, the headers `serve` sends and Mailpit's tags. The Storybook preview's "send"
 * and the spam score (spamd-client.ts) build the same one.
 */
export function previewMessage(email: RenderedEmail, images: readonly PreviewImage[] = [], { from = previewFrom, to = previewTo } = {}) {
  return {
    from,
    to,
    subject: email.subject,
    text: email.text,
    ...withInlineImages(email.html, images),
    headers: { ...senderHeaders({ locale: email.locale, entityRefId: randomUUID() }), 'X-Tags': tagsOf(email).join(', ') },
    // As serve sends it (delivery/transport.ts): base64 text parts cost a point fraction in rspamd.
    textEncoding: 'quoted-printable' as const,
  };
}

/** `images`: the brand's preview logo files (render/preview-images.ts), sent inline. */
export function createDeliverer(smtpUrl: string, images: readonly PreviewImage[] = []): Deliverer {
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
        const info = await transport.sendMail(previewMessage(email, images));
        return info.messageId.replace(/^<|>$/g, '');
      } catch (error) {
        throw notReachable('SMTP', smtpUrl, error);
      }
    },
    close: () => transport.close(),
  };
}
