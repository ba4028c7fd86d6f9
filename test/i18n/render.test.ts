/**
 * Every language renders every usage type in every engine, lint-clean; right-to-left languages
 * state their direction everywhere clients look, keep codes and URLs left-to-right, and each
 * locale's font stack names system fonts for its script (nothing downloaded).
 */
import { describe, expect, it } from 'vitest';
import { missingTranslations } from '../../src/i18n/key-usage.ts';
import { directionOf, logtoLanguages, scriptFonts } from '../../src/languages.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import type { RenderedEmail } from '../../src/render/types.ts';
import type { UsageType } from '../../src/schema/usage-types.ts';

const renderer = createRenderer();
const jobs = renderer.registry.flatMap((entry) => entry.sources.map((source) => ({ type: entry.type, engine: source.engine })));

const rendered = new Map<string, Promise<RenderedEmail>>();
function render(locale: string, type: UsageType, engine: 'react' | 'mjml') {
  const key = `${locale}/${type}/${engine}`;
  if (!rendered.has(key)) rendered.set(key, renderer.render(type, { locale, mode: 'placeholder', engine }));
  return rendered.get(key)!;
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1];

describe.each(logtoLanguages)('%s', (locale) => {
  it('renders every usage type in every engine with no lint issue and no English fallback', async () => {
    for (const { type, engine } of jobs) {
      const email = await render(locale, type, engine);
      expect(email.locale).toBe(locale);
      expect(email.lint, `${type} ${engine}`).toEqual([]);
      // No key the email looks up falls back to English (missing translations are reported per locale, not in lint).
      expect(email.translationKeys.length).toBeGreaterThan(5);
      expect(missingTranslations(renderer.catalog, [email]), `${type} ${engine}`).toEqual([]);
      expect(email.subject.length).toBeGreaterThan(5);
      expect(email.html).toMatch(new RegExp(`<html[^>]*\\slang="${locale}"`));
      if (email.placeholders.includes('code')) expect(email.subject + email.html).toContain('{{code}}');
    }
  });

  it('names system fonts for its script and downloads none', async () => {
    const { html } = await render(locale, 'SignIn', 'react');
    expect(html).not.toMatch(/@font-face|@import|fonts\.googleapis|<link[^>]+stylesheet/i);
    const script = { th: 'thai', ar: 'arabic', 'fa-IR': 'arabic', ja: 'jp', ko: 'kr', 'zh-CN': 'sc', 'zh-TW': 'tc', 'zh-HK': 'hk' }[locale as string] as
      | keyof typeof scriptFonts
      | undefined;
    const decoded = html.replaceAll('&#x27;', "'");
    for (const font of script ? scriptFonts[script] : ["'Segoe UI'", 'Roboto', 'Arial']) expect(decoded).toContain(font);
  });
});

describe.each(logtoLanguages.filter((tag) => directionOf(tag) === 'rtl'))('right-to-left: %s', (locale) => {
  it.each(jobs.map(({ type, engine }) => `${type} ${engine}`))('%s: dir="rtl" and lang on html, body and every layout table', async (job) => {
    const [type, engine] = job.split(' ') as [UsageType, 'react' | 'mjml'];
    const { html } = await render(locale, type, engine);
    for (const element of ['html', 'body']) {
      const tag = new RegExp(`<${element}\\b[^>]*>`, 'i').exec(html)![0];
      expect(attribute(tag, 'dir'), element).toBe('rtl');
      expect(attribute(tag, 'lang'), element).toBe(locale);
    }
    const tables = html.match(/<table\b[^>]*>/gi)!;
    expect(tables.length).toBeGreaterThan(2);
    for (const table of tables) {
      expect(attribute(table, 'dir'), table).toBe('rtl');
    }
    // The outermost table (what Gmail keeps once it drops <body>) also carries the language.
    expect(attribute(tables[0]!, 'lang')).toBe(locale);
    // Text starts on the right; MJML columns flow right to left.
    expect(html).toMatch(/text-align:\s*right/);
    expect(html).not.toMatch(/class="am-card"[^>]*text-align:\s*left/);
    if (engine === 'mjml') expect(html).not.toMatch(/direction:\s*ltr/);
  });

  it('keeps the code and the invitation URL left-to-right and isolated inside RTL text', async () => {
    for (const { type, engine } of jobs) {
      const { html } = await render(locale, type, engine);
      const code = /<[a-z]+\b[^>]*class="am-code"[^>]*>/.exec(html)?.[0];
      if (code) {
        expect(attribute(code, 'dir')).toBe('ltr');
        expect(code).toMatch(/unicode-bidi:\s*isolate/);
      }
      for (const link of html.match(/<a\b[^>]*href="\{\{link\}\}"[^>]*>(?=\{\{link\}\})/g) ?? []) {
        expect(attribute(link, 'dir')).toBe('ltr');
        expect(link).toMatch(/unicode-bidi:\s*isolate/);
      }
    }
    const invite = await render(locale, 'OrganizationInvitation', 'react');
    expect(invite.html).toMatch(/<a\b[^>]*href="\{\{link\}\}"[^>]*dir="ltr"/);
  });

  it('fills a value-mode payload with the code and link intact', async () => {
    const email = await renderer.render('SignIn', { locale, variables: { code: '482915', locale } });
    expect(email.subject).toContain('482915');
    expect(email.html).toMatch(/dir="ltr"[^>]*>482915</);
  });
});
