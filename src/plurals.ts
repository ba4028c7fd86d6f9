/**
 * Plural forms, as i18next reads them: a pluralised message is a family of keys `<base>_<category>`
 * (`common.expiry_one`, `common.expiry_other`), one per CLDR plural category of the language
 * (Arabic has six, Russian four, Japanese one). English decides which keys are pluralised; each
 * locale must then have exactly the forms its own language has, no more, no fewer.
 *
 * A language fact beside languages.ts and locales.ts, below both users: render's translator and
 * the i18n tools (review, key declarations), which sit above render. Kept out of i18n/ so render
 * imports nothing from there.
 */

/** CLDR's categories, in the order i18next and the CLDR tables list them. */
export const pluralCategories = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof pluralCategories)[number];

const formPattern = new RegExp(`^(.+)_(${pluralCategories.join('|')})$`);

/** `common.expiry_few` → `{ base: 'common.expiry', category: 'few' }`; undefined for a plain key. */
export function splitPluralKey(key: string): { base: string; category: PluralCategory } | undefined {
  const match = formPattern.exec(key);
  return match ? { base: match[1]!, category: match[2] as PluralCategory } : undefined;
}

/** The categories a language's plural rules use (Intl, so the same CLDR data i18next selects by). */
export function pluralCategoriesOf(locale: string): PluralCategory[] {
  const used = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
  return pluralCategories.filter((category) => used.includes(category));
}

/** The pluralised bases among the source's keys: those with an `_other` form. */
export function pluralBases(sourceKeys: Iterable<string>): Set<string> {
  const bases = new Set<string>();
  for (const key of sourceKeys) {
    const form = splitPluralKey(key);
    if (form?.category === 'other') bases.add(form.base);
  }
  return bases;
}

/** The base key when `key` is a form of one of `bases`. */
export function pluralBaseOf(key: string, bases: ReadonlySet<string>): string | undefined {
  const form = splitPluralKey(key);
  return form && bases.has(form.base) ? form.base : undefined;
}

/**
 * The keys a locale must have: the source's, with every pluralised family replaced (where its
 * first form stood) by the forms of the locale's language.
 */
export function expectedKeys(sourceKeys: Iterable<string>, locale: string): string[] {
  const keys = [...sourceKeys];
  const bases = pluralBases(keys);
  const categories = pluralCategoriesOf(locale);
  const expected: string[] = [];
  const expanded = new Set<string>();
  for (const key of keys) {
    const base = pluralBaseOf(key, bases);
    if (base === undefined) expected.push(key);
    else if (!expanded.has(base)) {
      expanded.add(base);
      expected.push(...categories.map((category) => `${base}_${category}`));
    }
  }
  return expected;
}

/**
 * Whether a form may spell its number out instead of showing `{{count}}`: only when a single whole
 * number selects it (Arabic "two" is 2 alone, "دقيقتين"; Russian "one" is 1, 21, 31…, so it may not).
 * Counts authmail passes are whole numbers up to 3600.
 */
export function categoryIsOneNumber(locale: string, category: PluralCategory): boolean {
  const rules = new Intl.PluralRules(locale);
  let hits = 0;
  for (let n = 0; n <= 3600 && hits < 2; n += 1) if (rules.select(n) === category) hits += 1;
  return hits === 1;
}
