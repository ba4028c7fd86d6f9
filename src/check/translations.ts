/**
 * Translation findings for `authmail check`, reported per locale (type `translations`), never per
 * email:
 * - `missing-translation`: a key some checked email looks up that its locale lacks (the email
 *   shows English there), once per locale and key, at the `missingTranslations` level;
 * - `translation`: the rest of the translation review (src/i18n/translations.ts): extra keys,
 *   wrong `{{variables}}`, markup, text left in English, stray plural forms, at `translations`;
 * - `unused-translation`: a key of the project's own that no checked email looks up, one note
 *   (only when every type is checked: a key may belong to a type left out).
 * A key missing in a locale but looked up by no email is no finding: nothing shows it.
 */
import { translationNotices, type KeyUser } from '../i18n/key-usage.ts';
import { reviewTranslations, translationProblems } from '../i18n/translations.ts';
import type { LocaleCatalog } from '../locales.ts';
import { sourceLocale } from '../locales.ts';
import type { CheckConfig } from './config.ts';
import { translationsScope, type Finding } from './gate.ts';

export interface TranslationScope {
  locales: readonly string[];
  /** The checked emails, with the keys each looked up. */
  emails: readonly KeyUser[];
  /** The shipped catalog, to tell the project's own keys from shipped ones; omit when not every type was checked. */
  shipped?: LocaleCatalog;
}

export function translationFindings(catalog: LocaleCatalog, { locales, emails, shipped }: TranslationScope, config: CheckConfig): Finding[] {
  const at = (locale: string) => ({ type: translationsScope, locale });
  const findings: Finding[] = [];
  for (const { level, locale, rule, message } of translationNotices(catalog, emails, shipped)) {
    const configured = level === 'note' ? level : config.missingTranslations;
    if (configured !== 'off') findings.push({ ...at(locale), level: configured, rule, message });
  }
  const reviewLevel = config.translations;
  if (reviewLevel !== 'off') {
    const checked = locales.filter((locale) => locale !== sourceLocale);
    for (const report of reviewTranslations(catalog, { locales: checked })) {
      // Missing keys and plural forms are judged by use, above: one no email shows asks nothing.
      const pluralMismatches = report.pluralMismatches.map((mismatch) => ({ ...mismatch, missing: [] }));
      for (const problem of translationProblems({ ...report, missing: [], pluralMismatches }))
        findings.push({ ...at(report.locale), level: reviewLevel, rule: 'translation', message: problem.slice(report.locale.length + 1) });
    }
  }
  return findings;
}
