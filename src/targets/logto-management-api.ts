/**
 * The body of Logto's `PUT /api/email-templates`: every locale × type built. This is the only way
 * localized templates reach SMTP, SendGrid, Mailgun, SES, Aliyun, SMTP2GO and MailJunky; Logto
 * matches `languageTag` by exact string equality against its resolved locale. The file is the
 * request body as JSON text.
 */
import { isLanguageTag } from '../logto/language-tags.ts';
import type { RenderedEmail } from '../render/types.ts';
import { emailsIn, headerSafe } from './pick.ts';
import { TextParts } from './text-parts.ts';
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
    const senderKey = JSON.stringify(sender);
    const templates = built.flatMap((locale) => emailsIn(emails, locale).map((email) => upsertJson(email, sender, senderKey)));
    if (!templates.length) throw new Error('no emails were built: PUT /api/email-templates needs at least one template');
    // The body as JSON.stringify(body, null, 2) writes it, assembled from the templates' own text.
    const parts = ['{\n  "templates": [\n    ', ...templates.flatMap((text, index) => (index ? [',\n    ', text] : [text])), '\n  ]\n}\n'];
    return { [logtoTemplatesFile]: new TextParts(parts) };
  },
};

/**
 * Each template's JSON, indented for its place in the body and kept with its email: the body is
 * ≈ 2 MB, and a rebuild (`build --watch`) re-serialises only the emails that changed.
 */
const upsertTexts = new WeakMap<RenderedEmail, { senderKey: string; text: string }>();

function upsertJson(email: RenderedEmail, sender: { sendFrom?: string; replyTo?: string }, senderKey: string): string {
  let kept = upsertTexts.get(email);
  if (kept?.senderKey !== senderKey) {
    // JSON escapes line breaks inside strings: every raw newline is the layout's own.
    kept = { senderKey, text: JSON.stringify(upsertOf(email, sender), null, 2).replaceAll('\n', '\n    ') };
    upsertTexts.set(email, kept);
  }
  return kept.text;
}
