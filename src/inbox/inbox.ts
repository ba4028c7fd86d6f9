/**
 * The inbox round trip: deliver each rendered email over SMTP, find it in Mailpit by Message-ID,
 * then run Mailpit's html-check and link-check on it.
 */
import { MailpitClient, type MailpitMessageSummaryResponse } from 'mailpit-api';
import type { PreviewImage } from '../render/preview-images.ts';
import type { RenderedEmail } from '../render/types.ts';
import { createDeliverer } from './deliver.ts';
import { notReachable, startHint } from './errors.ts';
import { summariseHtmlCheck, type HtmlCheckSummary } from './html-check.ts';
import { summariseLinkCheck, type LinkCheckSummary } from './link-check.ts';
import { summariseSpamCheck, type SpamCheckSummary } from './spam-check.ts';
import { defaultApiUrl } from '../project/inbox-urls.ts';

export interface InboxReport {
  email: RenderedEmail;
  /** Mailpit's message ID (for /view/<ID>.html and the API). */
  id: string;
  /** The whole MIME message as Mailpit stored it, bytes. */
  size: number;
  tags: string[];
  html: HtmlCheckSummary;
  links: LinkCheckSummary;
  /** Only when Mailpit runs with --enable-spamassassin. */
  spam?: SpamCheckSummary;
}

export async function inboxReachable(apiUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${apiUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

/** A client for a Mailpit that answers; otherwise an error naming the URL and how to start one. */
export async function openInbox(apiUrl: string): Promise<MailpitClient> {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new Error(`API URL "${apiUrl}" is not a URL (e.g. ${defaultApiUrl}).`);
  }
  const client = new MailpitClient(url.origin + url.pathname.replace(/\/$/, ''));
  try {
    await client.getInfo();
  } catch (error) {
    const reason = notReachable('API', apiUrl, error);
    throw reason === error ? new Error(`Mailpit API at ${apiUrl} failed: ${(error as Error).message}. ${startHint}`) : reason;
  }
  return client;
}

/** Waits for a delivered message: SMTP acceptance and storage are not one step. */
export function findByMessageId(client: MailpitClient, messageId: string): Promise<MailpitMessageSummaryResponse> {
  return client.waitForMessage({ query: `message-id:"${messageId}"` }, { timeout: 10_000, interval: 100 });
}

export interface InspectOptions {
  smtpUrl: string;
  apiUrl: string;
  onProgress?: (done: number, total: number, email: RenderedEmail) => void;
  /** The brand's preview logo files, sent inline in place of its logo URLs. */
  images?: readonly PreviewImage[];
}

export async function deliverAndInspect(emails: readonly RenderedEmail[], options: InspectOptions): Promise<InboxReport[]> {
  const client = await openInbox(options.apiUrl);
  // Without --enable-spamassassin Mailpit answers sa-check with an error, so ask only when it has one.
  const { SpamAssassin: spamAssassin } = await client.getConfiguration();
  const deliverer = createDeliverer(options.smtpUrl, options.images);
  const reports: InboxReport[] = [];
  try {
    for (const [index, email] of emails.entries()) {
      options.onProgress?.(index, emails.length, email);
      const messageId = await deliverer.send(email);
      const message = await findByMessageId(client, messageId);
      const [html, links, spam] = await Promise.all([
        client.htmlCheck(message.ID),
        client.linkCheck(message.ID),
        spamAssassin ? client.spamAssassinCheck(message.ID) : undefined,
      ]);
      reports.push({
        email,
        id: message.ID,
        size: message.Size,
        tags: message.Tags,
        html: summariseHtmlCheck(html),
        links: summariseLinkCheck(links),
        ...(spam ? { spam: summariseSpamCheck(spam) } : {}),
      });
    }
    options.onProgress?.(emails.length, emails.length, emails.at(-1)!);
  } finally {
    deliverer.close();
  }
  return reports;
}
