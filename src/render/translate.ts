/**
 * Step 2 — translate. i18next with per-key fallback to English.
 *
 * The `{{ }}` clash, resolved deliberately: i18next keeps its default `{{var}}` syntax for a small,
 * fixed set of *translation variables* (`code`, `appName`, `brandName`…). Their values are either
 * literal brand strings or Logto placeholder tokens such as `{{application.name}}`; i18next inserts
 * them verbatim (`escapeValue: false`, escaping happens once, in the template engine) and does not
 * re-scan inserted values (`skipOnVariables`), so a token survives as one unbroken `{{path}}`.
 * A variable a translation uses but the template did not provide (a translator's `{{cod}}`) throws.
 *
 * Pluralised messages (`common.expiry_one`, `_other`… see src/plurals.ts) are asked for by their
 * base key with a `count`, and only they receive it: `count` is a number known at build time (the
 * code lifetime), written into the text as digits, never a Logto placeholder, and a `{{count}}` in
 * any other message throws like any unknown variable. `{{count, number}}` formats it with the
 * locale's digits and grouping (Persian ۱۰).
 */
import i18next, { type i18n } from 'i18next';
import { flattenMessages, namespace, sourceLocale, type LocaleCatalog, type Messages } from '../locales.ts';
import { expectedKeys, pluralBaseOf, pluralBases } from '../plurals.ts';

export type TranslationVariables = Record<string, string | undefined>;

export interface Translator {
  readonly locale: string;
  /** `count` is required for a pluralised key, and ignored for any other. */
  t(key: string, variables?: TranslationVariables, count?: number): string;
  /** Keys English has and this locale lacks: each fell back to English. */
  readonly missingKeys: readonly string[];
}

export class TranslationError extends Error {
  override name = 'TranslationError';
}

const instances = new WeakMap<LocaleCatalog, i18n>();

function instanceFor(catalog: LocaleCatalog): i18n {
  let instance = instances.get(catalog);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      initAsync: false,
      resources: Object.fromEntries([...catalog].map(([tag, messages]) => [tag, { [namespace]: messages }])),
      ns: [namespace],
      defaultNS: namespace,
      fallbackLng: sourceLocale,
      nsSeparator: false,
      returnEmptyString: false,
      returnNull: false,
      interpolation: { escapeValue: false, skipOnVariables: true },
      missingInterpolationHandler: (text: string, value: RegExpExecArray) => {
        throw new TranslationError(`uses {{${value[1]?.trim()}}}, which is not a translation variable here ("${text}")`);
      },
    });
    instances.set(catalog, instance);
  }
  return instance;
}

/**
 * The locales i18next reads a key from for `locale`, in order, as far as the catalog has them:
 * the locale, its script and language parts (`es-MX` → `es`), then English. What a message
 * shows depends on these and no other locale (the build cache keys on them).
 */
export function fallbackChainOf(catalog: LocaleCatalog, locale: string): string[] {
  return (instanceFor(catalog).services.languageUtils.toResolveHierarchy(locale) as string[]).filter((tag) => catalog.has(tag));
}

const flattened = new WeakMap<Messages, ReadonlyMap<string, string>>();
const none: Messages = {};

/** A locale's messages as dotted keys, flattened once per catalog entry (every render asks). */
export function flatMessagesOf(catalog: LocaleCatalog, locale: string): ReadonlyMap<string, string> {
  const messages = catalog.get(locale) ?? none;
  let flat = flattened.get(messages);
  if (!flat) {
    flat = flattenMessages(messages);
    flattened.set(messages, flat);
  }
  return flat;
}

const keySets = new WeakMap<ReadonlyMap<string, string>, ReadonlySet<string>>();

/**
 * The keys a template may ask for: the source's, with each pluralised family by its base
 * (`common.expiry`, not `common.expiry_one`).
 */
export function messageKeysOf(catalog: LocaleCatalog): ReadonlySet<string> {
  const source = flatMessagesOf(catalog, sourceLocale);
  let keys = keySets.get(source);
  if (!keys) {
    const bases = pluralBases(source.keys());
    keys = new Set([...source.keys()].map((key) => pluralBaseOf(key, bases) ?? key));
    keySets.set(source, keys);
  }
  return keys;
}

/** Keys this locale lacks (plural forms counted by its own language's categories): each falls back to English. */
export function missingKeysOf(catalog: LocaleCatalog, locale: string): string[] {
  const target = flatMessagesOf(catalog, locale);
  return expectedKeys(flatMessagesOf(catalog, sourceLocale).keys(), locale).filter((key) => !target.get(key));
}

/** Translators by the messages they translate (then by locale), with the English messages they fall back to. */
const translators = new WeakMap<Messages, Map<string, { source: Messages; translator: Translator }>>();

/**
 * One translator per locale's messages, remembering what it translated: a build asks for the same
 * strings with the same variables across usage types, and i18next's `t` is the costly part. Kept
 * by messages, not by catalog: when one locale file changes (`build --watch` reloads the catalog),
 * the other locales' messages are the same objects and keep their translators, memo included.
 */
export function createTranslator(catalog: LocaleCatalog, locale: string): Translator {
  const messages = catalog.get(locale) ?? none;
  const source = catalog.get(sourceLocale) ?? none;
  let perLocale = translators.get(messages);
  if (!perLocale) translators.set(messages, (perLocale = new Map()));
  let kept = perLocale.get(locale);
  if (kept?.source !== source) perLocale.set(locale, (kept = { source, translator: newTranslator(catalog, locale) }));
  return kept.translator;
}

function newTranslator(catalog: LocaleCatalog, locale: string): Translator {
  const fixed = instanceFor(catalog).getFixedT(locale, namespace);
  const source = flatMessagesOf(catalog, sourceLocale);
  const bases = pluralBases(source.keys());
  const done = new Map<string, string>();
  return {
    locale,
    missingKeys: missingKeysOf(catalog, locale),
    t(key, variables = {}, count) {
      const plural = bases.has(key);
      const memo = `${key}\u0000${JSON.stringify(variables)}\u0000${plural ? count : ''}`;
      const known = done.get(memo);
      if (known !== undefined) return known;
      if (!plural && !source.has(key))
        throw new TranslationError(`Unknown translation key "${key}" (not in ${sourceLocale}/email.json, shipped or the project's).`);
      if (plural && count === undefined) throw new TranslationError(`"${key}" is pluralised (${key}_one, ${key}_other…): it needs a count.`);
      let text: string;
      try {
        const options: Record<string, unknown> = plural ? { ...variables, count } : variables;
        text = fixed(key, options) as string;
      } catch (error) {
        if (error instanceof TranslationError) throw new TranslationError(`locales/${locale} "${key}" ${error.message}`);
        throw error;
      }
      done.set(memo, text);
      return text;
    },
  };
}
