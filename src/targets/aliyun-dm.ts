/** `@logto/connector-aliyun-dm` (`templates[]`, no content-type field: DirectMail always sends `HtmlBody`). */
import { htmlTemplates } from './pick.ts';
import type { Target } from './types.ts';

export const target: Target = {
  name: 'aliyun-dm',
  compile: (emails, context) => ({ 'connectors/aliyun-dm.json': { templates: htmlTemplates(emails, context) } }),
};
