/**
 * `@logto/connector-smtp2go-email` (`templates[]` with a required `type`; `usageType` must be a
 * Logto TemplateType, which ours are). One part: `html_body`.
 */
import { htmlTemplates } from './pick.ts';
import type { Target } from './types.ts';

export const target: Target = {
  name: 'smtp2go',
  compile: (emails, context) => ({ 'connectors/smtp2go.json': { templates: htmlTemplates(emails, context, 'type') } }),
};
