/**
 * `@logto/connector-smtp` (`templates[]` with `contentType`). SMTP sends exactly one body part,
 * so the HTML one: a `text/plain` template would lose the design, not gain an alternative.
 *
 * It is the one Logto connector whose config takes headers (`customHeaders`, passed to nodemailer
 * as they are), so it gets the sender headers (render/headers.ts), as far as static values can
 * tell the truth: no `X-Entity-Ref-ID` (one value for every message would thread them all), and
 * `Content-Language` only when the build has one locale. With several, Logto may send any
 * locale's Management API template through this connector, under the same connector-wide header.
 */
import { senderHeaders } from '../render/headers.ts';
import { htmlTemplates } from './pick.ts';
import type { Target, TargetContext } from './types.ts';

export function smtpHeaders({ defaultLocale, locales }: TargetContext): Record<string, string> {
  const onlyLocale = locales.length === 1 && locales[0] === defaultLocale;
  return senderHeaders(onlyLocale ? { locale: defaultLocale } : {});
}

export const target: Target = {
  name: 'smtp',
  compile: (emails, context) => ({
    'connectors/smtp.json': { templates: htmlTemplates(emails, context, 'contentType'), customHeaders: smtpHeaders(context) },
  }),
};
