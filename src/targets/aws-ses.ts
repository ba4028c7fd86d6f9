/** `@logto/connector-aws-ses` (`templates[]`, no content-type field: SES always sends `Body.Html`). */
import { htmlTemplates } from './pick.ts';
import type { Target } from './types.ts';

export const target: Target = {
  name: 'aws-ses',
  compile: (emails, context) => ({ 'connectors/aws-ses.json': { templates: htmlTemplates(emails, context) } }),
};
