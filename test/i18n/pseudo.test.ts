/** The pseudo-locale: useful in previews, impossible to ship. */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLanguageTag } from '@logto/language-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFiles } from '../../src/compile/files.ts';
import { main } from '../../src/cli/main.ts';
import { isPseudoLocale, pseudoExpansion, pseudoLocale, pseudoLocalize, withPseudoLocale } from '../../src/pseudo-locale.ts';
import { UnknownLocaleError } from '../../src/errors.ts';
import { flattenMessages, loadLocales, matchLocale, resolveLocale } from '../../src/locales.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { captureIo } from '../helpers/io.ts';

describe('pseudoLocalize', () => {
  it('accents every letter, brackets the string and keeps {{variables}} untouched', () => {
    const out = pseudoLocalize('{{code}} is your {{brandName}} sign-in code');
    expect(out.startsWith('[{{code}} ')).toBe(true);
    expect(out.endsWith(']')).toBe(true);
    expect(out).toContain('{{brandName}}');
    expect(out).toContain('îš ýöûŕ');
    expect(out.replace(/\{\{[^{}]*\}\}/g, '')).not.toMatch(/[a-zA-Z]/);
  });

  it('makes every English string about 35% longer', () => {
    for (const text of flattenMessages(loadLocales().get('en')!).values()) {
      const source = text.replace(/\{\{[^{}]*\}\}/g, '').length;
      const pseudo = pseudoLocalize(text).replace(/\{\{[^{}]*\}\}/g, '').length;
      expect(pseudo - 2).toBeGreaterThanOrEqual(Math.floor(source * (1 + pseudoExpansion)) - 1);
      expect(pseudo - 2).toBeLessThanOrEqual(Math.ceil(source * (1 + pseudoExpansion)) + 1);
    }
  });

  it('is not a tag Logto accepts, so a payload could never select it', () => {
    expect(isLanguageTag(pseudoLocale)).toBe(false);
    expect(isPseudoLocale('EN-xa')).toBe(true);
  });
});

describe('in previews', () => {
  const renderer = createRenderer({ pseudo: true });

  it.each(renderer.registry.map((entry) => entry.type))('%s renders in en-XA, placeholders intact and lint-clean', async (type) => {
    const email = await renderer.render(type, { locale: pseudoLocale, mode: 'placeholder' });
    expect(email.locale).toBe(pseudoLocale);
    expect(email.lint).toEqual([]);
    expect(email.subject).toMatch(/^\[.*\]$/);
    expect(email.html).toMatch(/<html[^>]*lang="en-XA"/);
    if (type !== 'OrganizationInvitation') expect(email.subject).toContain('{{code}}');
    // Every visible sentence came from the catalog: no plain-English sentence is left.
    expect(email.text.replace(/\{\{[^{}]*\}\}/g, '')).not.toMatch(/\b(?:the|your|code|this|email)\b/i);
  });

  it('fills a value-mode payload like any locale', async () => {
    const email = await renderer.render('SignIn', { locale: pseudoLocale, variables: { code: '482915', locale: 'en' } });
    expect(email.subject).toMatch(/^\[482915 /);
  });

  it('is only in the catalog of a renderer that asked for it', async () => {
    expect(renderer.catalog.has(pseudoLocale)).toBe(true);
    expect(loadLocales().has(pseudoLocale)).toBe(false);
    expect(() => resolveLocale(pseudoLocale)).toThrow(UnknownLocaleError);
    await expect(createRenderer().render('SignIn', { locale: pseudoLocale })).rejects.toThrow(/Unknown locale "en-XA"/);
    // Logto-style matching of a real English tag never lands on it, even in a pseudo catalog.
    expect(matchLocale('en-US', 'en', renderer.catalog)).toBe('en');
    expect(withPseudoLocale(loadLocales()).get(pseudoLocale)).toEqual(renderer.catalog.get(pseudoLocale));
  });
});

describe('never built, never sent to Logto or a connector', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'authmail-pseudo-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('buildFiles refuses pseudo emails and a pseudo locale list before any target runs', async () => {
    const renderer = createRenderer({ pseudo: true });
    const email = await renderer.render('SignIn', { locale: pseudoLocale, mode: 'placeholder' });
    let compiled = 0;
    const spy = { name: 'spy', compile: () => ({ 'spy.json': String(++compiled) }) };
    const context = { brand: renderer.brand, defaultLocale: 'en', locales: ['en'] };
    expect(() => buildFiles([email], context, [spy])).toThrow(/en-XA is the designers' pseudo-locale/);
    expect(() => buildFiles([], { ...context, locales: ['en', pseudoLocale] }, [spy])).toThrow(/pseudo-locale/);
    expect(() => buildFiles([], { ...context, defaultLocale: pseudoLocale }, [spy])).toThrow(/pseudo-locale/);
    expect(compiled).toBe(0);
  });

  it('`authmail build --locales en-XA` fails and writes nothing', async () => {
    const out = join(work, 'refused');
    const io = captureIo();
    expect(await main(['node', 'authmail', 'build', '--out', out, '--locales', pseudoLocale, '-q'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('Unknown locale "en-XA"');
    await expect(stat(out)).rejects.toThrow();
  });

  it('a full build (every type × every locale, every target) contains no trace of it', async () => {
    const out = join(work, 'dist');
    const io = captureIo();
    expect(await main(['node', 'authmail', 'build', '--out', out, '-q'], io), io.stderr.join('\n')).toBe(0);
    const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(189);
    for (const file of files) {
      const path = join(file.parentPath, file.name);
      expect(path).not.toMatch(/en-XA/i);
      const content = await readFile(path, 'utf8');
      expect(content, path).not.toMatch(/en-XA|ŀöŕéɱ|\[Ŝîĝñ/i);
    }
  });
});
