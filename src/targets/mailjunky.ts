/**
 * `@logto/connector-mailjunky` (`templates[]`, optional `type`). HTML, stated explicitly: the
 * connector derives the text part from it itself, so our own text part cannot be passed.
 */
import { htmlTemplates } from './pick.ts';
import type { Target } from './types.ts';

export const target: Target = {
  name: 'mailjunky',
  compile: (emails, context) => ({ 'connectors/mailjunky.json': { templates: htmlTemplates(emails, context, 'type') } }),
};
