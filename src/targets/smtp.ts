/**
 * `@logto/connector-smtp` (`templates[]` with `contentType`). SMTP sends exactly one body part,
 * so the HTML one: a `text/plain` template would lose the design, not gain an alternative.
 */
import { htmlTemplates } from './pick.ts';
import type { Target } from './types.ts';

export const target: Target = {
  name: 'smtp',
  compile: (emails, context) => ({ 'connectors/smtp.json': { templates: htmlTemplates(emails, context, 'contentType') } }),
};
