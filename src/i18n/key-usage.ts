/**
 * What the translation keys an email looked up (`RenderedEmail.translationKeys`, recorded by the
 * pipeline's `ctx.t`) say: which translations an email shows in a fallback language, which keys no
 * email uses, and which messages an email's text depends on (the build cache keys on them). Pure:
 * a catalog and emails in, findings out, so `build` and `check` report the same thing.
 *
 * Reported per locale and key, never per email: a key missing in `th` is one finding, whichever
 * and however many types use it; a key no template looks up is one note, not one per locale.
 */
import { sourceLocale, type LocaleCatalog } from '../locales.ts';
import { fallbackChainOf, flatMessagesOf, messageKeysOf, missingKeysOf } from '../render/translate.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { pluralBases, pluralCategories } from '../plurals.ts';

/** The part of an email this module reads. */
export interface KeyUser {
  type: UsageType;
  locale: string;
  translationKeys: readonly string[];
}

export interface MissingTranslation {
  locale: string;
  key: string;
  /** The usage types whose emails in this locale show it. */
  types: UsageType[];
  /** The locale whose text is shown instead (`en`, or `es` for `es-MX`). */
  shownFrom: string;
}

/** Pluralised bases by English's flattened messages: the cache asks for every email of a build. */
const basesBySource = new WeakMap<ReadonlyMap<string, string>, ReadonlySet<string>>();

/** The catalog keys behind the keys a template asks for: a pluralised base stands for its forms. */
function formsIn(catalog: LocaleCatalog): (key: string) => string[] {
  const source = flatMessagesOf(catalog, sourceLocale);
  let bases = basesBySource.get(source);
  if (!bases) basesBySource.set(source, (bases = pluralBases(source.keys())));
  const known = bases;
  return (key) => (known.has(key) ? pluralCategories.map((category) => `${key}_${category}`) : [key]);
}

/**
 * The messages `keys` resolve from in `locale`, every locale of its fallback chain included, as
 * one string: equal strings mean equal translated text for an email looking up these keys.
 */
export function messagesUsed(catalog: LocaleCatalog, locale: string, keys: readonly string[]): string {
  const chain = fallbackChainOf(catalog, locale);
  const formsOf = formsIn(catalog);
  const values = keys.map((key) => [key, chain.map((tag) => formsOf(key).map((form) => flatMessagesOf(catalog, tag).get(form) ?? null))]);
  return JSON.stringify([chain, values]);
}

/** Keys an email used that its locale lacks (they show another locale's text), one per locale and key. */
export function missingTranslations(catalog: LocaleCatalog, emails: readonly KeyUser[]): MissingTranslation[] {
  const formsOf = formsIn(catalog);
  const missingIn = new Map<string, ReadonlySet<string>>();
  const found = new Map<string, MissingTranslation>();
  for (const { type, locale, translationKeys } of emails) {
    if (locale === sourceLocale) continue;
    let missing = missingIn.get(locale);
    if (!missing) missingIn.set(locale, (missing = new Set(missingKeysOf(catalog, locale))));
    for (const key of translationKeys) {
      if (!formsOf(key).some((form) => missing.has(form))) continue;
      const id = `${locale}\u0000${key}`;
      const entry = found.get(id) ?? { locale, key, types: [], shownFrom: shownFrom(catalog, locale, formsOf(key)) };
      if (!entry.types.includes(type)) entry.types.push(type);
      found.set(id, entry);
    }
  }
  return [...found.values()];
}

/** The first locale after `locale` in its fallback chain that has the message. */
function shownFrom(catalog: LocaleCatalog, locale: string, forms: readonly string[]): string {
  const chain = fallbackChainOf(catalog, locale).filter((tag) => tag !== locale);
  return chain.find((tag) => forms.some((form) => flatMessagesOf(catalog, tag).get(form))) ?? sourceLocale;
}

/**
 * The project's own keys (in its English, not shipped: `shipped` is the shipped catalog) that no
 * email looked up. Shipped keys are left out: a template may leave a shipped message aside
 * (an override without the ignore line), which asks nothing of the project.
 */
export function unusedKeys(catalog: LocaleCatalog, shipped: LocaleCatalog, emails: readonly KeyUser[]): string[] {
  const used = new Set(emails.flatMap((email) => email.translationKeys));
  const shippedKeys = messageKeysOf(shipped);
  return [...messageKeysOf(catalog)].filter((key) => !shippedKeys.has(key) && !used.has(key));
}

/** What `build` and `check` report about translations, per locale and key (never per email). */
export interface TranslationNotice {
  level: 'warning' | 'note';
  locale: string;
  rule: 'missing-translation' | 'unused-translation';
  message: string;
}

/**
 * A warning per key the emails look up that their locale lacks, and a note per project key no
 * email looked up. `shipped` (the shipped catalog) only when every type was rendered: otherwise a
 * key may belong to a type left out, and no note is given.
 */
export function translationNotices(catalog: LocaleCatalog, emails: readonly KeyUser[], shipped?: LocaleCatalog): TranslationNotice[] {
  const missing = missingTranslations(catalog, emails).map(({ locale, key, types, shownFrom: from }) => {
    const shown = from === sourceLocale ? 'English' : from;
    const message = `"${key}" is not translated; ${shown} is shown (used by ${types.join(', ')})`;
    return { level: 'warning', locale, rule: 'missing-translation', message } as const;
  });
  const unused = (shipped ? unusedKeys(catalog, shipped, emails) : []).map((key) => {
    const message = `"${key}" is looked up by no email: remove it, or use it in a template with ctx.t('${key}')`;
    return { level: 'note', locale: sourceLocale, rule: 'unused-translation', message } as const;
  });
  return [...missing, ...unused];
}
