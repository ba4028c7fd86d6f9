/**
 * The languages a project may ship: the shipped catalog's tags and every tag Logto accepts. A tag
 * outside the catalog gets its own locale file in the project (English to translate).
 */
import { loadLocales } from '../locales.ts';
import { languageTags } from '../logto/language-tags.ts';

export interface LanguageChoice {
  /** The tags in their canonical casing, as given (duplicates dropped). */
  tags: string[];
  unknown: string[];
}

export const shippedLanguages = (): string[] => [...loadLocales().keys()];

/** Parses a comma-separated answer; canonical casing from the catalog, else from Logto's list. */
export function parseLanguages(answer: string, shipped: readonly string[] = shippedLanguages()): LanguageChoice {
  const known = [...shipped, ...languageTags];
  const tags: string[] = [];
  const unknown: string[] = [];
  for (const item of answer
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const tag = known.find((candidate) => candidate.toLowerCase() === item.toLowerCase());
    if (!tag) unknown.push(item);
    else if (!tags.includes(tag)) tags.push(tag);
  }
  return { tags, unknown };
}
