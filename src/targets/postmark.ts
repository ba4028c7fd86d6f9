/**
 * `@logto/connector-postmark` holds no content, only `{ usageType, templateAlias }`: the templates
 * live at Postmark. So this target writes both halves: the connector config and the template
 * bodies for Postmark's template API, tied together by alias. Postmark's Mustachio reads our
 * `{{code}}` / `{{organization.name}}` placeholders against the payload Logto passes as
 * `TemplateModel`, HTML-escaping values in `{{ }}` (unlike Logto's own substitution).
 */
import { connectorEmails } from './pick.ts';
import { postmarkTemplatesFile, type Target } from './types.ts';

/** `authmail-sign-in`, `authmail-organization-invitation`…: ours, so a push never overwrites templates made by hand. */
export const postmarkAlias = (type: string) => `authmail-${type.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase()}`;

export interface PostmarkTemplate {
  Name: string;
  Alias: string;
  Subject: string;
  HtmlBody: string;
  TextBody?: string;
}

export const target: Target = {
  name: 'postmark',
  compile: (emails, context) => {
    const picked = connectorEmails(emails, context);
    const templates: PostmarkTemplate[] = picked.map((email) => ({
      Name: `${context.brand.name}: ${email.type}`,
      Alias: postmarkAlias(email.type),
      Subject: email.subject,
      HtmlBody: email.html,
      ...(email.text.trim() ? { TextBody: email.text } : {}),
    }));
    return {
      'connectors/postmark.json': { templates: picked.map((email) => ({ usageType: email.type, templateAlias: postmarkAlias(email.type) })) },
      [postmarkTemplatesFile]: templates,
    };
  },
};
