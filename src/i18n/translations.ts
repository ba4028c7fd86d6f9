/**
 * Translation review: compares every locale with the source (`en`) key by key. Pure — it reads a
 * catalog, never the disk — so `authmail translations`, `authmail check` and tests share it.
 *
 * A locale is clean when it has every English key and no other, each `{{variable}}` set equals
 * English's, no string is left in English (unless allowed) and no string carries markup
 * (translations are text: the templates own the HTML, and escape whatever they insert).
 *
 * A key English pluralises (`common.expiry_one`, `_other`) is checked as a family: the locale needs
 * exactly the plural forms of its own language (src/plurals.ts), each form uses English's
 * variables, and `{{count}}` may be left out only by a form a single number selects.
 */
import { sourceLocale, type LocaleCatalog } from '../locales.ts';
import { flatMessagesOf } from '../render/translate.ts';
import { isLogtoLanguage } from '../languages.ts';
import { categoryIsOneNumber, expectedKeys, pluralBaseOf, pluralBases, pluralCategoriesOf, splitPluralKey, type PluralCategory } from '../plurals.ts';

export interface PlaceholderMismatch {
  key: string;
  /** Variables English uses that the translation lacks (a dropped or misspelt `{{code}}`). */
  missing: string[];
  /** Variables the translation uses that English does not (`{{cod}}`). */
  unexpected: string[];
}

/** A pluralised key whose forms are not the ones the locale's language has. */
export interface PluralMismatch {
  /** The base key, `common.expiry`. */
  key: string;
  /** The language's CLDR plural categories: the forms it needs. */
  expected: PluralCategory[];
  missing: PluralCategory[];
  /** Forms the language does not have (never selected: unused). */
  extra: PluralCategory[];
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
  /** Keys missing, plural forms excepted (see `pluralMismatches`). */
  missing: string[];
  /** Keys English does not have, plural forms excepted. */
  extra: string[];
  pluralMismatches: PluralMismatch[];
  /** Plural forms that spell the number out although several numbers select them (Russian "one" is also 21). */
  countMissing: string[];
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
  const bases = pluralBases(english.keys());
  const expected = expectedKeys(english.keys(), locale);
  const expectedSet = new Set(expected);
  const isSource = locale === sourceLocale;
  // A regional English (en-GB) shares most strings with the source by design.
  const sameLanguage = locale.split('-')[0]!.toLowerCase() === sourceLocale;
  const report: TranslationReport = {
    locale,
    source: isSource,
    builtIn: isLogtoLanguage(locale),
    translated: 0,
    total: expected.length,
    coverage: 0,
    missing: [],
    extra: [...messages.keys()].filter((key) => !expectedSet.has(key) && pluralBaseOf(key, bases) === undefined),
    pluralMismatches: pluralMismatchesOf(locale, bases, messages),
    countMissing: [],
    placeholderMismatches: [],
    untranslated: [],
    markup: [],
  };

  for (const key of expected) {
    const form = pluralBaseOf(key, bases) === undefined ? undefined : splitPluralKey(key);
    // A form English lacks (Russian `_few`) is held to English's `_other`.
    const source = english.get(key) ?? english.get(`${form?.base}_other`)!;
    const text = messages.get(key);
    if (text === undefined || text.trim() === '') {
      if (!form) report.missing.push(key); // a missing form is a plural mismatch
      continue;
    }
    const wanted = variablesOf(source).filter((name) => !form || name !== 'count');
    const actual = variablesOf(text);
    const missing = wanted.filter((name) => !actual.includes(name));
    const unexpected = actual.filter((name) => !wanted.includes(name) && !(form && name === 'count'));
    if (form && !actual.includes('count') && !categoryIsOneNumber(locale, form.category)) report.countMissing.push(key);
    if (missing.length || unexpected.length) report.placeholderMismatches.push({ key, missing, unexpected });
    if (markupPattern.test(text)) report.markup.push(key);
    const leftInEnglish = !isSource && !sameLanguage && text === source && hasWords(source) && !allowed.has(key);
    if (leftInEnglish) report.untranslated.push(key);
    else report.translated += 1;
  }
  report.coverage = report.total ? Math.floor((report.translated / report.total) * 1000) / 10 : 100;
  return report;
}

function pluralMismatchesOf(locale: string, bases: ReadonlySet<string>, messages: ReadonlyMap<string, string>): PluralMismatch[] {
  const expected = pluralCategoriesOf(locale);
  const present = new Map<string, Set<PluralCategory>>([...bases].map((base) => [base, new Set()]));
  for (const [key, text] of messages) {
    const base = pluralBaseOf(key, bases);
    if (base !== undefined && text.trim() !== '') present.get(base)!.add(splitPluralKey(key)!.category);
  }
  return [...present].flatMap(([key, forms]) => {
    const missing = expected.filter((category) => !forms.has(category));
    const extra = [...forms].filter((category) => !expected.includes(category));
    return missing.length || extra.length ? [{ key, expected, missing, extra }] : [];
  });
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
    ...report.pluralMismatches.flatMap(({ key, expected, missing, extra }) => {
      const needs = `${locale} has the plural forms ${expected.join(', ')}`;
      const forms = (categories: PluralCategory[]) => categories.map((category) => `${key}_${category}`).join(', ');
      return [
        ...(missing.length ? [`${locale} ${key}: plural form(s) ${forms(missing)} missing (${needs})`] : []),
        ...(extra.length ? [`${locale} ${key}: plural form(s) ${forms(extra)} never used (${needs}); remove them`] : []),
      ];
    }),
    ...report.countMissing.map((key) => `${locale} ${key}: has no {{count}}, but more than one number uses this form`),
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
