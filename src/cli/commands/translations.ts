/** `authmail translations`: the translation review as a per-locale table; exits 1 when a locale has problems. */
import type { Command } from 'commander';
import { hasTranslationProblems, reviewTranslations, translationProblems } from '../../i18n/translations.ts';
import { loadLocales, sourceLocale } from '../../locales.ts';
import { logtoLanguages } from '../../languages.ts';
import { list, parseLocales } from '../options.ts';
import { formatTable } from '../table.ts';
import type { Io } from '../io.ts';

interface TranslationsOptions {
  locales?: string[];
  localesDir?: string;
}

export function registerTranslations(program: Command, io: Io) {
  program
    .command('translations')
    .description(
      `Check translations against ${sourceLocale}: missing and extra keys, the plural forms each language needs, {{variables}} that differ from ${sourceLocale}, ` +
        'strings left in English, HTML in translations, and coverage per locale. Exits 1 on any problem.'
    )
    .option('-l, --locales <list>', 'comma-separated locale tags; default every locale (shipped and yours)', list)
    .option('--locales-dir <dir>', 'your locales folder: its <tag>/email.json files are merged key by key over the shipped ones (default: none)')
    .action((options: TranslationsOptions) => {
      const catalog = loadLocales(options.localesDir);
      const locales = options.locales?.length ? parseLocales(options.locales, catalog) : undefined;
      const reports = reviewTranslations(catalog, { locales });

      const count = (items: readonly unknown[]) => (items.length ? String(items.length) : '-');
      const rows = reports.map((report) => [
        report.locale,
        report.source ? 'source' : `${report.coverage}%`,
        count(report.missing),
        count(report.extra),
        count([...report.pluralMismatches, ...report.countMissing]),
        count(report.placeholderMismatches),
        count(report.untranslated),
        count(report.markup),
        report.builtIn ? 'yes' : 'no',
      ]);
      io.out(formatTable(['locale', 'coverage', 'missing', 'extra', 'plurals', 'variables', 'untranslated', 'html', 'logto built-in'], rows));

      const problems = reports.flatMap(translationProblems);
      if (problems.length) {
        io.out('');
        for (const line of problems) io.out(`  ${line}`);
      }
      if (!locales) {
        const absent = logtoLanguages.filter((tag) => !catalog.has(tag));
        if (absent.length) io.out(`note: Logto languages without a translation (users get ${sourceLocale}): ${absent.join(', ')}`);
      }

      const failing = reports.filter(hasTranslationProblems).map((report) => report.locale);
      if (failing.length) {
        throw new Error(`${problems.length} translation problem(s) in ${failing.length} locale(s): ${failing.join(', ')}`);
      }
      io.out(`${reports.length} locale(s) checked: every key translated, variables match ${sourceLocale}.`);
    });
}
