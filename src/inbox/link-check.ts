/** Summarises Mailpit's link-check: which links failed and why. Pure. */
import type { MailpitLinkCheckResponse } from 'mailpit-api';

export interface BrokenLink {
  url: string;
  status: string;
}

export interface LinkCheckSummary {
  total: number;
  broken: BrokenLink[];
  /** "ok", "no links" or "2/5 broken". */
  status: string;
}

export function summariseLinkCheck(response: Pick<MailpitLinkCheckResponse, 'Links' | 'Errors'>): LinkCheckSummary {
  const links = response.Links ?? [];
  // StatusCode 0 is a network failure (no such host, refused); 4xx/5xx are broken pages.
  const broken = links
    .filter((link) => link.StatusCode === 0 || link.StatusCode >= 400)
    .map((link) => ({ url: link.URL, status: link.StatusCode ? `${link.StatusCode} ${link.Status}` : link.Status }));
  const status = links.length === 0 ? 'no links' : broken.length === 0 ? 'ok' : `${broken.length}/${links.length} broken`;
  return { total: links.length, broken, status };
}
