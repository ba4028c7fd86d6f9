/**
 * Layout details that depend on the language: the footer's "Need help? Contact support" joins two
 * sentences, with a space except after Chinese and Japanese full-width punctuation; Generic's
 * heading already names the code, so its label is not repeated below it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flattenMessages, loadLocales } from '../../src/locales.ts';
import { logtoLanguages } from '../../src/languages.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { parseBrand } from '../../src/schema/brand.ts';

const catalog = loadLocales();
const sample = createRenderer();
const emailOnly = createRenderer({ brand: parseBrand(JSON.parse(readFileSync('brands/nightfall.json', 'utf8'))) });
const closeUp = new Set(['ja', 'zh-CN', 'zh-HK', 'zh-TW']);

describe.each(logtoLanguages)('%s footer', (locale) => {
  const messages = flattenMessages(catalog.get(locale)!);
  const help = messages.get('common.help')!;
  const gap = closeUp.has(locale) ? '' : ' ';

  it(`joins help and contact with ${closeUp.has(locale) ? 'no space' : 'a space'}, in both engines and both contact kinds`, async () => {
    for (const engine of ['react', 'mjml'] as const) {
      const url = await sample.render('OrganizationInvitation', { locale, mode: 'placeholder', engine });
      expect(url.text, engine).toContain(`${help}${gap}${messages.get('common.helpLink')} [https://example.com/support]`);
      const mail = await emailOnly.render('OrganizationInvitation', { locale, mode: 'placeholder', engine });
      expect(mail.text, engine).toContain(`${help}${gap}help@example.net`);
    }
  });

  if (closeUp.has(locale)) {
    it('ends the help question with full-width punctuation, which needs no space after it', () => {
      expect(help).toMatch(/[\u3000-\u303f\uff00-\uffef]$/);
    });
  }
});

describe('Generic', () => {
  it.each(logtoLanguages)('%s shows "your verification code" once: as the heading, not again as the label', async (locale) => {
    const messages = flattenMessages(catalog.get(locale)!);
    const { text } = await sample.render('Generic', { locale, mode: 'placeholder' });
    expect(text.split(messages.get('Generic.heading')!)).toHaveLength(2);
    expect(text).not.toContain(`${messages.get('common.codeLabel')}\n\n{{code}}`);
  });

  it('other code emails keep the label above the code', async () => {
    const { text } = await sample.render('SignIn', { locale: 'en', mode: 'placeholder' });
    expect(text).toContain('Your verification code\n\n{{code}}');
  });
});
