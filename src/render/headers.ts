/**
 * The headers a careful sender of authentication email sets, defined once for `serve`,
 * `preview` and the connector configs that take custom headers:
 * - `Auto-Submitted: auto-generated` (RFC 3834 §5): auto-responders and vacation replies stay
 *   quiet instead of answering a no-reply address;
 * - `X-Entity-Ref-ID`: a value unique to each message. Gmail threads messages with the same
 *   subject and sender into one conversation and collapses the older ones; a distinct value per
 *   message keeps each code its own message, so the newest one is never hidden;
 * - `Content-Language` (RFC 3282): the rendered email's locale, for translation offers and
 *   screen readers.
 * Pure: the unique value comes from the caller (a random UUID at the edge that sends).
 */
import { stripHeaderBreaks } from './placeholders.ts';

export const autoSubmitted = 'auto-generated';

export interface SenderHeaderInput {
  /** The rendered email's locale; left out when it is not a language tag. */
  locale?: string;
  /** Unique per message; left out when the sender cannot make it unique (a static config). */
  entityRefId?: string;
}

/** BCP 47 shape (`en`, `zh-TW`, `fa-IR`): letters, digits and hyphens, nothing a header could misread. */
const languageTag = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

export function senderHeaders({ locale, entityRefId }: SenderHeaderInput = {}): Record<string, string> {
  const headers: Record<string, string> = { 'Auto-Submitted': autoSubmitted };
  const refId = entityRefId === undefined ? '' : stripHeaderBreaks(entityRefId).trim();
  if (refId) headers['X-Entity-Ref-ID'] = refId;
  const tag = locale === undefined ? '' : stripHeaderBreaks(locale).trim();
  if (languageTag.test(tag)) headers['Content-Language'] = tag;
  return headers;
}
