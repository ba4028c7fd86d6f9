/**
 * The translations: the shipped `locales/<tag>/email.json` (one folder per Logto language tag),
 * with a project's own `<tag>/email.json` files merged over them key by key. loadLocales reads
 * the files on every call (nothing is kept at module level), so a caller that needs the catalog
 * twice keeps the one it read; every consumer (pipeline, lint, translation review, Storybook, CLI)
 * works on the same merged catalog, so each checks what will be sent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnknownLocaleError, UsageError } from './errors.ts';
import { parseJsonText } from './json-text.ts';
import { isLanguageTag } from './logto/language-tags.ts';

export const sourceLocale = 'en';
export const namespace = 'email';
export const defaultLocalesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../locales');

export type Messages = { [key: string]: string | Messages };
export type LocaleCatalog = ReadonlyMap<string, Messages>;

/** One folder's `<tag>/email.json` files, by tag. */
function readFolder(dir: string): Map<string, Messages> {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`Locales folder not found: ${dir}`);
  const messages = new Map<string, Messages>();
  for (const tag of readdirSync(dir).sort()) {
    const file = join(dir, tag, `${namespace}.json`);
    if (!existsSync(file)) continue;
    if (!isLanguageTag(tag)) {
      throw new UsageError(`${dir}: the folder ${tag} is not a language tag Logto knows (see @logto/language-kit); rename it.`);
    }
    messages.set(tag, parseJsonText(readFileSync(file, 'utf8'), file) as Messages);
  }
  return messages;
}

const isGroup = (value: unknown): value is Messages => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `over` merged into `base` key by key, nested groups too; a key of `over` wins. Neither is changed. */
function mergeMessages(base: Messages, over: Messages): Messages {
  const merged: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = merged[key];
    merged[key] = isGroup(below) && isGroup(value) ? mergeMessages(below, value) : value;
  }
  return merged;
}

/**
 * The shipped catalog with `projectLocalesDir`'s files merged over it: a project may change
 * keys, add keys (`globex.banner`) and add whole languages (any tag Logto knows); a language's
 * missing keys fall back to English per key, as the shipped ones do. A locale the project does
 * not touch keeps the shipped messages object itself.
 */
export function loadLocales(projectLocalesDir?: string): LocaleCatalog {
  const catalog = readFolder(defaultLocalesDir);
  if (!catalog.has(sourceLocale)) throw new Error(`${defaultLocalesDir} has no ${sourceLocale}/${namespace}.json: English is the source locale.`);
  const projectDir = projectLocalesDir === undefined ? undefined : resolve(projectLocalesDir);
  if (!projectDir || projectDir === defaultLocalesDir) return catalog;
  for (const [tag, messages] of readFolder(projectDir)) {
    const shipped = [...catalog.keys()].find((known) => known.toLowerCase() === tag.toLowerCase());
    if (shipped) catalog.set(shipped, mergeMessages(catalog.get(shipped)!, messages));
    else catalog.set(tag, messages);
  }
  return new Map([...catalog].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Exact tag, case-insensitively (`zh-tw` → `zh-TW`); anything else is an error listing the valid tags. */
export function resolveLocale(tag: string, catalog: LocaleCatalog = loadLocales()): string {
  // Logto sends the catalog's own tags: the exact match skips the case-insensitive scan (the request path).
  if (catalog.has(tag)) return tag;
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
