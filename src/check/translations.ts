/**
 * Translation findings for `authmail check`, from the translation review (src/i18n/translations.ts): a key
 * missing, extra, left in English, with the wrong `{{variables}}` or with markup. Reported once
 * per locale (not once per email), at the `missingTranslations` level.
 */
import { reviewTranslations, translationProblems } from '../i18n/translations.ts';
import type { LocaleCatalog } from '../locales.ts';
import { sourceLocale } from '../locales.ts';
import type { CheckConfig } from './config.ts';
import type { Finding } from './gate.ts';

export function translationFindings(catalog: LocaleCatalog, locales: readonly string[], config: CheckConfig): Finding[] {
  const level = config.missingTranslations;
  if (level === 'off') return [];
  const checked = locales.filter((locale) => locale !== sourceLocale);
  return reviewTranslations(catalog, { locales: checked }).flatMap((report) =>
    translationProblems(report).map((problem) => ({
      type: 'translations',
      locale: report.locale,
      level,
      rule: 'translation',
      message: problem.slice(report.locale.length + 1),
    }))
  );
}
