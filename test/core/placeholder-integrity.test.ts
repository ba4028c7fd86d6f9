/**
 * Placeholder mode over the whole matrix: every type × every shipped locale, as connectors get it.
 * Logto substitutes with one regex and leaves a missing root literal, so every token must match
 * that regex whole and use only roots Logto always sends for the type.
 */
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../src/project/render-email.ts';
import { placeholderPattern } from '../../src/render/placeholders.ts';
import { placeholderRoots } from '../../src/schema/usage-types.ts';
import { templates } from '../../src/registry.ts';
import { directionOf } from '../../src/languages.ts';
import { loadLocales } from '../../src/locales.ts';

const locales = [...loadLocales().keys()];
const matrix = templates.flatMap((entry) => locales.map((locale) => [entry.type, locale] as const));

/**
 * Each email is rendered once for the three tests that read it: through the public `renderEmail`,
 * which loads the project each call, so rendering it per test tripled the unit tier's costliest file.
 */
const rendered = new Map<string, ReturnType<typeof renderEmail>>();
function placeholderEmail(type: (typeof matrix)[number][0], locale: string): ReturnType<typeof renderEmail> {
  const key = `${type} ${locale}`;
  let email = rendered.get(key);
  if (!email) rendered.set(key, (email = renderEmail(type, { locale, mode: 'placeholder' })));
  return email;
}

describe.each(matrix)('%s (%s) in placeholder mode', (type, locale) => {
  it('keeps every placeholder whole, matched by Logto’s regex, with allowed roots only', async () => {
    const email = await placeholderEmail(type, locale);
    for (const [part, text] of [
      ['subject', email.subject],
      ['html', email.html],
      ['text', email.text],
    ] as const) {
      const braces = text.match(/{{|}}/g)?.length ?? 0;
      const tokens = [...text.matchAll(placeholderPattern())];
      expect(braces, `${part}: every {{ and }} belongs to a placeholder`).toBe(tokens.length * 2);
      for (const [, path] of tokens) expect(placeholderRoots(type), `${part}: {{${path}}}`).toContain(path!.split('.')[0]);
      expect(text, part).not.toMatch(/&#123;|&#x7b;|&lbrace;|{{<!--|-->}}/i);
    }
    expect(email.lint.filter((issue) => issue.level === 'error')).toEqual([]);
  });

  it('carries the code (or the invitation link) in subject-or-body and in the text part', async () => {
    const email = await placeholderEmail(type, locale);
    const essential = type === 'OrganizationInvitation' ? '{{link}}' : '{{code}}';
    expect(email.html).toContain(essential);
    expect(email.text).toContain(essential);
    if (type !== 'OrganizationInvitation') expect(email.subject).toContain('{{code}}');
  });

  it('is an accessible, dark-mode-aware document', async () => {
    const { html } = await placeholderEmail(type, locale);
    const dir = directionOf(locale);
    expect(html).toMatch(new RegExp(`<html[^>]*\\blang="${locale}"`));
    expect(html).toMatch(new RegExp(`<html[^>]*\\bdir="${dir}"`));
    expect(html).toMatch(new RegExp(`<body[^>]*\\blang="${locale}"`));
    expect(html).toMatch(new RegExp(`<body[^>]*\\bdir="${dir}"`));
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toContain('data-skip-in-text="true"');
    expect(html).toContain('name="color-scheme"');
    expect(html).toContain('prefers-color-scheme: dark');
    for (const table of html.match(/<table\b[^>]*>/g)!) expect(table).toContain('role="presentation"');
    for (const img of html.match(/<img\b[^>]*>/g)!) expect(img).toMatch(/\salt="[^"]+"/);
  });
});
