/** `@logto/connector-sendgrid-email` (`templates[]` with a required `type`): one part, HTML. */
import { htmlTemplates } from './pick.ts';
import type { Target } from './types.ts';

export const target: Target = {
  name: 'sendgrid',
  compile: (emails, context) => ({ 'connectors/sendgrid.json': { templates: htmlTemplates(emails, context, 'type') } }),
};
