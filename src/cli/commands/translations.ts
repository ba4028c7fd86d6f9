/** `authmail translations`: the translation review as a per-locale table; exits 1 when a locale has problems. */
import type { Command } from 'commander';
import { hasTranslationProblems, reviewTranslations, translationProblems } from '../../i18n/translations.ts';
import { loadLocales, sourceLocale } from '../../locales.ts';
import { logtoLanguages } from '../../languages.ts';
import { parseLocales } from '../../project/setup.ts';
import { openProject, projectOptions, type ProjectFlags } from '../project.ts';
import { formatTable } from '../table.ts';
import type { Io } from '../io.ts';

type TranslationsOptions = ProjectFlags;

export function registerTranslations(program: Command, io: Io) {
  const command = program
    .command('translations')
    .description(
      `Check translations against ${sourceLocale}: missing and extra keys, the plural forms each language needs, {{variables}} that differ from ${sourceLocale}, ` +
        'strings left in English, HTML in translations, and coverage per locale. Exits 1 on any problem.'
    );
  projectOptions(command, ['config', 'locales', 'localesDir'], {
    locales: "comma-separated locale tags (default: the config's locales, else every locale in the folder)",
  });
  command.action(async (options: TranslationsOptions) => {
    const project = await openProject(options);
    const catalog = loadLocales(project.localesDir);
    const locales = project.locales?.length ? parseLocales(project.locales, catalog) : undefined;
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
