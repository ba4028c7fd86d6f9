/** The shipped languages are exactly Logto's, and every one is complete and safe to send. */
import { readdirSync } from 'node:fs';
import { isLanguageTag } from '@logto/language-kit';
import { builtInLanguages } from '@logto/phrases-experience';
import { describe, expect, it } from 'vitest';
import { reviewTranslations, variablesOf } from '../../src/i18n/translations.ts';
import { defaultLocalesDir, flattenMessages, loadLocales, sourceLocale } from '../../src/locales.ts';
import { logtoLanguages } from '../../src/languages.ts';
import { pluralBaseOf, pluralBases } from '../../src/plurals.ts';
import { createTranslator } from '../../src/render/translate.ts';

const catalog = loadLocales();
const english = flattenMessages(catalog.get(sourceLocale)!);
const translated = logtoLanguages.filter((tag) => tag !== sourceLocale);
const plural = pluralBases(english.keys());

describe('Logto built-in languages', () => {
  it('is the builtInLanguages list of @logto/phrases-experience, in its order', () => {
    expect(logtoLanguages).toEqual([...builtInLanguages]);
  });

  it.each(logtoLanguages)('%s is a language tag @logto/language-kit accepts', (tag) => {
    expect(isLanguageTag(tag)).toBe(true);
  });

  it('locales/ has exactly one folder per Logto language, spelled as Logto spells it', () => {
    const folders = readdirSync(defaultLocalesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect([...folders].sort()).toEqual([...logtoLanguages].sort());
    expect([...catalog.keys()].sort()).toEqual([...logtoLanguages].sort());
  });
});

describe('every shipped translation', () => {
  const reports = new Map(reviewTranslations(catalog).map((report) => [report.locale, report]));

  it.each(translated)('%s covers 100%% of the English keys, with no extra keys', (tag) => {
    const report = reports.get(tag)!;
    expect(report.missing).toEqual([]);
    expect(report.extra).toEqual([]);
    expect(report.pluralMismatches).toEqual([]);
    expect(report.countMissing).toEqual([]);
    expect(report.untranslated).toEqual([]);
    expect(report.coverage).toBe(100);
  });

  it.each(translated)('%s uses exactly the English {{variables}} in every key, and no HTML', (tag) => {
    const messages = flattenMessages(catalog.get(tag)!);
    for (const [key, source] of english) {
      if (pluralBaseOf(key, plural)) continue; // the language's own forms, below
      expect(variablesOf(messages.get(key)!), `${tag} ${key}`).toEqual(variablesOf(source));
    }
    // Plural forms: English's variables, the count optional where one number selects the form.
    expect(reports.get(tag)!.placeholderMismatches).toEqual([]);
    for (const [key, text] of messages) expect(text, `${tag} ${key}`).not.toMatch(/<[a-z/]/i);
  });

  it.each(translated)('%s carries the security wording: never share, 10-minute expiry, ignore if not you', (tag) => {
    const messages = flattenMessages(catalog.get(tag)!);
    const security = ['common.neverShare', 'common.expiry_other', ...[...english.keys()].filter((key) => key.endsWith('.ignore'))];
    for (const key of security) {
      const text = messages.get(key) ?? '';
      expect(text.length, `${tag} ${key}`).toBeGreaterThan(10);
      expect(text, `${tag} ${key}`).not.toBe(english.get(key));
    }
    // The default expiry names the ten minutes in the locale's digits (Persian writes ۱۰).
    const expiry = createTranslator(catalog, tag).t('common.expiry', {}, 10);
    const westernDigits = expiry.replace(/[۰-۹]/g, (digit) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(digit)));
    expect(westernDigits).toContain('10');
    // The never-share warning names the brand, so a phishing copy cannot claim to be it.
    expect(messages.get('common.neverShare')).toContain('{{brandName}}');
  });

  it('Portuguese variants differ as Portugal and Brazil do', () => {
    const br = flattenMessages(catalog.get('pt-BR')!);
    const pt = flattenMessages(catalog.get('pt-PT')!);
    expect(br.get('ForgotPassword.heading')).toMatch(/senha/);
    expect(pt.get('ForgotPassword.heading')).toMatch(/palavra-passe/);
  });

  it('Chinese variants use their scripts: Simplified for zh-CN, Traditional for zh-TW and zh-HK', () => {
    expect(flattenMessages(catalog.get('zh-CN')!).get('common.codeLabel')).toContain('验证码');
    expect(flattenMessages(catalog.get('zh-TW')!).get('common.codeLabel')).toContain('驗證碼');
    expect(flattenMessages(catalog.get('zh-HK')!).get('common.codeLabel')).toContain('驗證碼');
    // Hong Kong usage: 電郵, not Taiwan's 電子郵件.
    expect(flattenMessages(catalog.get('zh-HK')!).get('Generic.ignore')).toContain('電郵');
  });
});
