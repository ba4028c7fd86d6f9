/** The checks every `templates[]` target shares; each target's own test calls them with its field name. */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/targets/types.ts';
import { allTypes, contextFor, fakeEmails } from './fixtures.ts';

export function describeHtmlTemplatesTarget(target: Target, typeField: 'contentType' | 'type' | undefined) {
  const file = `connectors/${target.name}.json`;
  describe(`${target.name} target`, () => {
    it(`writes only ${file}: one HTML template per usage type in the default locale (${typeField ?? 'no content-type field'})`, () => {
      const files = target.compile(fakeEmails(), contextFor({ defaultLocale: 'th' }));
      expect(Object.keys(files)).toEqual([file]);
      const { templates } = files[file] as { templates: Record<string, string>[] };
      expect(templates.map((template) => template.usageType)).toEqual(allTypes);
      expect(templates[1]).toEqual({
        usageType: 'SignIn',
        ...(typeField ? { [typeField]: 'text/html' } : {}),
        subject: '[th] SignIn {{code}}',
        content: '<html lang="th"><body><p>SignIn in th: {{code}}</p></body></html>',
      });
      const fields = ['usageType', 'subject', 'content', ...(typeField ? [typeField] : [])].sort();
      for (const template of templates) expect(Object.keys(template).sort()).toEqual(fields);
    });

    it('fails when a type its guard requires was not built', () => {
      expect(() => target.compile(fakeEmails(['en'], ['SignIn']), contextFor())).toThrow(/missing: Register, ForgotPassword, Generic/);
    });
  });
}
