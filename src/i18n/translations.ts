/**
 * Translation review: compares every locale with the source (`en`) key by key. Pure — it reads a
 * catalog, never the disk — so `authmail translations`, `authmail check` and tests share it.
 *
 * A locale is clean when it has every English key and no other, each `{{variable}}` set equals
 * English's, no string is left in English (unless allowed) and no string carries markup
 * (translations are text: the templates own the HTML, and escape whatever they insert).
 */
import { sourceLocale, type LocaleCatalog } from '../locales.ts';
import { flatMessagesOf } from '../render/translate.ts';
import { isLogtoLanguage } from '../languages.ts';

export interface PlaceholderMismatch {
  key: string;
  /** Variables English uses that the translation lacks (a dropped or misspelt `{{code}}`). */
  missing: string[];
  /** Variables the translation uses that English does not (`{{cod}}`). */
  unexpected: string[];
}

export interface TranslationReport {
  locale: string;
  /** The source locale is the reference: it is reported, never checked against itself. */
  source: boolean;
  /** One of Logto's built-in experience languages (src/languages.ts). */
  builtIn: boolean;
  /** English keys with a usable translation (present, non-empty, not left in English). */
  translated: number;
  total: number;
  /** `translated / total` in percent, one decimal. */
  coverage: number;
  missing: string[];
  extra: string[];
  placeholderMismatches: PlaceholderMismatch[];
  untranslated: string[];
  markup: string[];
}

export interface ReviewTranslationsOptions {
  /** Locales to report (default: every locale in the catalog). */
  locales?: readonly string[];
  /** Keys that may legitimately read exactly like English (brand-ish strings). */
  identicalAllowed?: readonly string[];
}

/** Keys whose English text may stay as is in every language. None today: every string is a sentence. */
export const defaultIdenticalAllowed: readonly string[] = [];

const variablePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The i18next variables a string uses (`{{code}}`, `{{ appName, uppercase }}` → `appName`). */
export function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(variablePattern)].map((match) => match[1]!.split(',')[0]!.trim()))].sort();
}

/** Nothing left to translate once variables, digits and punctuation are removed. */
function hasWords(text: string): boolean {
  return /\p{L}/u.test(text.replace(variablePattern, ''));
}

const markupPattern = /<\/?[a-z!][^>]*>|&(?:[a-z]+|#\d+|#x[\da-f]+);/i;

function reviewLocale(locale: string, catalog: LocaleCatalog, allowed: ReadonlySet<string>): TranslationReport {
  const english = flatMessagesOf(catalog, sourceLocale);
  const messages = flatMessagesOf(catalog, locale);
  const isSource = locale === sourceLocale;
  // A regional English (en-GB) shares most strings with the source by design.
  const sameLanguage = locale.split('-')[0]!.toLowerCase() === sourceLocale;
  const report: TranslationReport = {
    locale,
    source: isSource,
    builtIn: isLogtoLanguage(locale),
    translated: 0,
    total: english.size,
    coverage: 0,
    missing: [],
    extra: [...messages.keys()].filter((key) => !english.has(key)),
    placeholderMismatches: [],
    untranslated: [],
    markup: [],
  };

  for (const [key, source] of english) {
    const text = messages.get(key);
    if (text === undefined || text.trim() === '') {
      report.missing.push(key);
      continue;
    }
    const expected = variablesOf(source);
    const actual = variablesOf(text);
    const missing = expected.filter((name) => !actual.includes(name));
    const unexpected = actual.filter((name) => !expected.includes(name));
    if (missing.length || unexpected.length) report.placeholderMismatches.push({ key, missing, unexpected });
    if (markupPattern.test(text)) report.markup.push(key);
    const leftInEnglish = !isSource && !sameLanguage && text === source && hasWords(source) && !allowed.has(key);
    if (leftInEnglish) report.untranslated.push(key);
    else report.translated += 1;
  }
  report.coverage = report.total ? Math.floor((report.translated / report.total) * 1000) / 10 : 100;
  return report;
}

/** One report per locale, in the order asked (default: the catalog's, source first). */
export function reviewTranslations(catalog: LocaleCatalog, options: ReviewTranslationsOptions = {}): TranslationReport[] {
  const allowed = new Set(options.identicalAllowed ?? defaultIdenticalAllowed);
  const locales = options.locales ?? [sourceLocale, ...[...catalog.keys()].filter((tag) => tag !== sourceLocale)];
  return locales.map((locale) => {
    if (!catalog.has(locale)) throw new Error(`No translations for "${locale}". Locales: ${[...catalog.keys()].join(', ')}.`);
    return reviewLocale(locale, catalog, allowed);
  });
}

/** One line per problem, e.g. `fr Register.subject: {{code}} missing`; empty when the locale is clean. */
export function translationProblems(report: TranslationReport): string[] {
  const { locale } = report;
  const list = (names: string[]) => names.map((name) => `{{${name}}}`).join(', ');
  return [
    ...report.missing.map((key) => `${locale} ${key}: missing (English is shown instead)`),
    ...report.extra.map((key) => `${locale} ${key}: not in ${sourceLocale} (unused; remove or rename it)`),
    ...report.placeholderMismatches.flatMap(({ key, missing, unexpected }) => [
      ...(missing.length ? [`${locale} ${key}: ${list(missing)} missing (English has it)`] : []),
      ...(unexpected.length ? [`${locale} ${key}: ${list(unexpected)} is not in English (misspelt variable?)`] : []),
    ]),
    ...report.untranslated.map((key) => `${locale} ${key}: identical to English (not translated)`),
    ...report.markup.map((key) => `${locale} ${key}: contains HTML; translations are plain text`),
  ];
}

export function hasTranslationProblems(report: TranslationReport): boolean {
  return translationProblems(report).length > 0;
}
