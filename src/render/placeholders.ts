/**
 * Logto's placeholder syntax and substitution semantics
 * (`replaceSendMessageHandlebars` / `getValue` in @logto/connector-kit; logto-connectors.md §2.3),
 * re-implemented with an escaping hook so value mode can HTML-escape what Logto inserts raw.
 * The fill itself lives in fill-runtime.js, which the compiled module `authmail build` writes
 * carries as its runtime (compile/module.ts); this module adds what only authmail needs.
 */
import { placeholderPattern } from './fill-runtime.js';

export {
  compileEmailFill,
  compileFill,
  type EmailFill,
  escapeHtml,
  type Fill,
  fillEmail,
  fillPlaceholders,
  getValue,
  placeholderPattern,
  stripHeaderBreaks,
} from './fill-runtime.js';

export const token = (path: string) => `{{${path}}}`;

/** Unique placeholder paths in order of first appearance. */
export function listPlaceholders(...texts: string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(placeholderPattern())) found.add(match[1]!);
  return [...found];
}

/**
 * Placeholder-shaped text that Logto's regex would *not* match: `{{` split by React comment markers
 * or tags, entity-escaped braces, or a path with characters outside `[\w.]`.
 */
export function findBrokenPlaceholders(text: string): string[] {
  const broken: string[] = [];
  const withoutValid = text.replace(placeholderPattern(), '');
  for (const match of withoutValid.matchAll(/{{[^{}]{0,60}}?}?|&#123;&#123;|&#x7b;&#x7b;|&lbrace;&lbrace;/gi)) {
    broken.push(match[0]);
  }
  return broken;
}
