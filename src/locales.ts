/**
 * The shipped translations: `locales/<tag>/email.json`, one folder per Logto language tag.
 * Read once per process; every consumer (pipeline, lint, Storybook, CLI) gets the same catalog.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnknownLocaleError } from './errors.ts';
import { isLanguageTag } from './logto/language-tags.ts';

export const sourceLocale = 'en';
export const namespace = 'email';
export const defaultLocalesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../locales');

export type Messages = { [key: string]: string | Messages };
export type LocaleCatalog = ReadonlyMap<string, Messages>;

const readMessages = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Messages;

export function loadLocales(folder?: string): LocaleCatalog {
  const dir = resolve(folder ?? defaultLocalesDir);
  if (!existsSync(dir)) throw new Error(`Locales folder not found: ${dir}`);
  const catalog = new Map<string, Messages>();
  for (const tag of readdirSync(dir).sort()) {
    const file = join(dir, tag, `${namespace}.json`);
    if (!existsSync(file)) continue;
    if (!isLanguageTag(tag)) {
      throw new Error(`locales/${tag} is not a language tag Logto knows (see @logto/language-kit); rename the folder.`);
    }
    try {
      catalog.set(tag, readMessages(file));
    } catch (error) {
      throw new Error(`Cannot parse ${file}: ${(error as Error).message}`);
    }
  }
  if (!catalog.has(sourceLocale)) throw new Error(`${dir} has no ${sourceLocale}/${namespace}.json: English is the source locale.`);
  return catalog;
}

/** Exact tag, case-insensitively (`zh-tw` → `zh-TW`); anything else is an error listing the valid tags. */
export function resolveLocale(tag: string, catalog: LocaleCatalog = loadLocales()): string {
  const wanted = tag.trim().toLowerCase();
  for (const known of catalog.keys()) if (known.toLowerCase() === wanted) return known;
  throw new UnknownLocaleError(`Unknown locale "${tag}". Supported locales: ${[...catalog.keys()].join(', ')}.`);
}

/**
 * Logto-style lookup for payloads (the HTTP endpoint): the exact tag, then its language part
 * (`fr-CA` → `fr`), then the first shipped tag of that language (`zh` → `zh-CN`), then the default.
 */
export function matchLocale(tag: string | undefined, fallback: string, catalog: LocaleCatalog = loadLocales()): string {
  if (tag) {
    const tags = [...catalog.keys()];
    const lower = tag.trim().toLowerCase();
    const language = lower.split(/[-_]/)[0];
    const hit =
      tags.find((known) => known.toLowerCase() === lower) ??
      tags.find((known) => known.toLowerCase() === language) ??
      tags.find((known) => known.toLowerCase().split('-')[0] === language);
    if (hit) return hit;
  }
  return resolveLocale(fallback, catalog);
}

/** Flattens nested messages into dotted keys. */
export function flattenMessages(messages: Messages, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    // A non-string leaf (null, a number) is not a message: it counts as missing, it does not throw.
    else if (value && typeof value === 'object') for (const [inner, text] of flattenMessages(value, path)) flat.set(inner, text);
  }
  return flat;
}
