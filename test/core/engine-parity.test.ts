/**
 * Both engines are first-class: the same usage type rendered from its React and its MJML file,
 * with the same variables and translations, yields a complete email with the same content.
 */
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../src/project/render-email.ts';
import { sampleVariables } from '../../src/samples.ts';
import { flattenMessages, loadLocales } from '../../src/locales.ts';
import type { UsageType } from '../../src/schema/usage-types.ts';

const dual: UsageType[] = ['OrganizationInvitation', 'UserPermissionValidation'];

describe.each(dual)('%s in React and MJML', (type) => {
  it.each(['en', 'th', 'zh-TW'])('produces the same complete email (%s)', async (locale) => {
    const variables = sampleVariables(type, locale);
    const react = await renderEmail(type, { locale, variables, engine: 'react' });
    const mjml = await renderEmail(type, { locale, variables, engine: 'mjml' });
    expect(mjml.subject).toBe(react.subject);
    expect(mjml.preheader).toBe(react.preheader);
    for (const email of [react, mjml]) {
      expect(email.html).toMatch(new RegExp(`<html[^>]*lang="${locale}"`));
      expect(email.html).toContain(`<title>${email.subject.replace(/&/g, '&amp;')}</title>`);
      expect(email.html).toContain('prefers-color-scheme: dark');
      expect(email.html).toContain('https://assets.example.com/email/logo-light.png');
      expect(email.lint.filter((issue) => issue.level === 'error')).toEqual([]);
    }
    // Every non-empty line of the plain text is the same translated sentence in both.
    const lines = (text: string) =>
      new Set(
        text
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
      );
    expect(lines(mjml.text)).toEqual(lines(react.text));
    const messages = flattenMessages(loadLocales().get(locale)!);
    const ignore = messages.get(`${type}.ignore`)!;
    expect(react.text).toContain(ignore);
    if (type === 'OrganizationInvitation') expect(react.text).toContain((variables as { link: string }).link);
    else expect(react.text).toContain('482915');
  });
});
