/**
 * Step 7 — lint. Pure checks on a rendered email; errors fail a build, warnings are reported.
 */
import { findBrokenPlaceholders, listPlaceholders } from './placeholders.ts';
import type { Direction } from '../languages.ts';
import { sizeIssue } from './size.ts';
import type { LintIssue } from './types.ts';

export interface LintInput {
  subject: string;
  html: string;
  text: string;
  lang: string;
  dir: Direction;
  /** Roots a placeholder may use; omit to skip the check. */
  allowedRoots?: readonly string[];
  /** Translation keys that fell back to English. */
  missingKeys?: readonly string[];
}

function attributeOf(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1];
}

export function lintEmail(input: LintInput): LintIssue[] {
  const issues: LintIssue[] = [];
  const error = (rule: string, message: string) => issues.push({ level: 'error', rule, message });
  const warn = (rule: string, message: string) => issues.push({ level: 'warning', rule, message });

  for (const [part, text] of [
    ['subject', input.subject],
    ['html', input.html],
    ['text', input.text],
  ] as const) {
    for (const broken of findBrokenPlaceholders(text)) error('placeholder-broken', `${part}: "${broken}" is not a placeholder Logto can substitute`);
  }
  if (input.allowedRoots) {
    for (const path of listPlaceholders(input.subject, input.html, input.text)) {
      const root = path.split('.')[0]!;
      if (!input.allowedRoots.includes(root)) {
        error('placeholder-root', `{{${path}}}: Logto may omit "${root}" for this type, and would leave it literal`);
      }
    }
  }

  for (const element of ['html', 'body']) {
    const tag = new RegExp(`<${element}\\b[^>]*>`, 'i').exec(input.html)?.[0];
    if (!tag) {
      error('structure', `no <${element}> element`);
      continue;
    }
    if (attributeOf(tag, 'lang') !== input.lang) error('lang', `<${element}> must have lang="${input.lang}"`);
    if (attributeOf(tag, 'dir') !== input.dir) error('dir', `<${element}> must have dir="${input.dir}"`);
  }
  const title = /<title>([\s\S]*?)<\/title>/i.exec(input.html)?.[1]?.trim();
  if (!title) error('title', 'missing or empty <title>');
  if (!/name="color-scheme"/i.test(input.html)) warn('color-scheme', 'no color-scheme meta');

  for (const img of input.html.match(/<img\b[^>]*>/gi) ?? []) {
    if (attributeOf(img, 'alt') === undefined) error('img-alt', `image without alt text: ${img.slice(0, 120)}`);
  }
  for (const table of input.html.match(/<table\b[^>]*>/gi) ?? []) {
    if (!attributeOf(table, 'role')) warn('table-role', 'layout table without role="presentation"');
  }
  for (const match of input.html.matchAll(/\shref="([^"]*)"/gi)) {
    const href = match[1]!;
    if (/^http:/i.test(href)) error('insecure-link', `non-https link: ${href}`);
  }

  const size = sizeIssue(input.html);
  if (size) issues.push(size);

  for (const key of input.missingKeys ?? []) warn('missing-translation', `"${key}" is not translated; English is used`);
  return issues;
}
