/**
 * The body of Logto's `PUT /api/email-templates`: every locale × type built. This is the only way
 * localized templates reach SMTP, SendGrid, Mailgun, SES, Aliyun, SMTP2GO and MailJunky; Logto
 * matches `languageTag` by exact string equality against its resolved locale. The file is the
 * request body.
 */
import { isLanguageTag } from '../logto/language-tags.ts';
import type { RenderedEmail } from '../render/types.ts';
import { emailsIn, headerSafe } from './pick.ts';
import { logtoTemplatesFile, type Target } from './types.ts';

export interface EmailTemplateUpsert {
  languageTag: string;
  templateType: string;
  details: { subject: string; content: string; contentType: 'text/html'; sendFrom?: string; replyTo?: string };
}

function upsertOf(email: RenderedEmail, sender: { sendFrom?: string; replyTo?: string }): EmailTemplateUpsert {
  const where = `${email.type} (${email.locale})`;
  if (!email.html.trim()) throw new Error(`${where} has empty HTML`);
  return {
    languageTag: email.locale,
    templateType: email.type,
    details: { subject: headerSafe(email.subject, `the subject of ${where}`), content: email.html, contentType: 'text/html', ...sender },
  };
}

export const target: Target = {
  name: 'logto-management-api',
  compile: (emails, { brand, locales }) => {
    const built = [...new Set([...locales, ...emails.map((email) => email.locale)])];
    const wrong = built.filter((tag) => !isLanguageTag(tag));
    if (wrong.length) throw new Error(`${wrong.join(', ')} is not a Logto language tag (see @logto/language-kit); Logto would never look it up`);
    // sendFrom/replyTo are templates too; a header must stay one line whatever the brand file holds.
    const sender = {
      ...(brand.sendFrom ? { sendFrom: headerSafe(brand.sendFrom, 'brand.sendFrom') } : {}),
      ...(brand.replyTo ? { replyTo: headerSafe(brand.replyTo, 'brand.replyTo') } : {}),
    };
    const templates = built.flatMap((locale) => emailsIn(emails, locale).map((email) => upsertOf(email, sender)));
    if (!templates.length) throw new Error('no emails were built: PUT /api/email-templates needs at least one template');
    return { [logtoTemplatesFile]: { templates } };
  },
};
