/** The translation review: clean on the shipped files, and it catches each seeded mistake. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { hasTranslationProblems, reviewTranslations, translationProblems, variablesOf } from '../../src/i18n/translations.ts';
import { defaultLocalesDir, loadLocales, type Messages } from '../../src/locales.ts';
import { captureIo } from '../helpers/io.ts';

let work: string;
let seeded: string;

/** A locales folder with en, a clean de and a de-copied fr carrying one of each mistake. */
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'authmail-i18n-translations-'));
  seeded = join(work, 'locales');
  for (const tag of ['en', 'de', 'fr']) await cp(join(defaultLocalesDir, tag), join(seeded, tag), { recursive: true });
  const file = join(seeded, 'fr', 'email.json');
  const fr = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, string>>;
  const en = JSON.parse(await readFile(join(seeded, 'en', 'email.json'), 'utf8')) as Record<string, Record<string, string>>;
  fr.SignIn!.heading = ''; // missing key (empty: a project layer cannot delete a shipped key, it can blank it)
  fr.Register!.subject = fr.Register!.subject!.replace('{{code}}', '{{cod}}'); // renamed placeholder
  fr.Generic!.subject = fr.Generic!.subject!.replace('{{code}}', '').trim(); // dropped placeholder
  fr.ForgotPassword!.ignore = en.ForgotPassword!.ignore!; // left in English
  fr.common!.footerNote = 'Note de bas de page'; // extra key
  fr.common!.help = '<b>Besoin d’aide ?</b>'; // markup
  await writeFile(file, JSON.stringify(fr, null, 2));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('reviewTranslations', () => {
  it('passes every shipped locale', () => {
    const reports = reviewTranslations(loadLocales());
    expect(reports.filter(hasTranslationProblems).map((report) => report.locale)).toEqual([]);
    expect(reports.every((report) => report.coverage === 100)).toBe(true);
    expect(reports[0]).toMatchObject({ locale: 'en', source: true });
  });

  it('catches a missing key, renamed and dropped placeholders, English left in, an extra key and HTML', () => {
    const [fr] = reviewTranslations(loadLocales(seeded), { locales: ['fr'] });
    expect(fr!.missing).toEqual(['SignIn.heading']);
    expect(fr!.extra).toEqual(['common.footerNote']);
    expect(fr!.placeholderMismatches).toEqual([
      { key: 'Register.subject', missing: ['code'], unexpected: ['cod'] },
      { key: 'Generic.subject', missing: ['code'], unexpected: [] },
    ]);
    expect(fr!.untranslated).toEqual(['ForgotPassword.ignore']);
    expect(fr!.markup).toEqual(['common.help']);
    const total = fr!.total;
    expect(fr!.translated).toBe(total - 2);
    expect(fr!.coverage).toBe(Math.floor(((total - 2) / total) * 1000) / 10);
    const lines = translationProblems(fr!);
    expect(lines).toContain('fr Register.subject: {{cod}} is not in English (misspelt variable?)');
    expect(lines).toContain('fr Register.subject: {{code}} missing (English has it)');
    expect(lines).toContain('fr SignIn.heading: missing (English is shown instead)');
  });

  it('leaves the clean copy alone', () => {
    const [de] = reviewTranslations(loadLocales(seeded), { locales: ['de'] });
    expect(hasTranslationProblems(de!)).toBe(false);
  });

  it('allows strings with nothing to translate, and allow-listed keys, to equal English', () => {
    const catalog = new Map<string, Messages>([
      ['en', { a: { brand: '{{brandName}}', sign: 'Acme', text: 'Hello' } }],
      ['de', { a: { brand: '{{brandName}}', sign: 'Acme', text: 'Hello' } }],
    ]);
    const [, de] = reviewTranslations(catalog, { identicalAllowed: ['a.sign'] });
    expect(de!.untranslated).toEqual(['a.text']);
  });

  it('treats a null or numeric value as missing instead of crashing', () => {
    const catalog = new Map<string, Messages>([
      ['en', { a: { x: 'Hello', y: 'World' } }],
      ['de', { a: { x: null, y: 5 } } as unknown as Messages],
    ]);
    expect(reviewTranslations(catalog)[1]!.missing).toEqual(['a.x', 'a.y']);
  });

  it('reads i18next variables, including spaced and formatted ones', () => {
    expect(variablesOf('{{ code }} and {{appName, uppercase}} and {{code}}')).toEqual(['appName', 'code']);
    expect(variablesOf('{code} {{code}')).toEqual([]);
  });
});

describe('authmail translations', () => {
  it('prints a per-locale table and exits 0 on the shipped locales', async () => {
    const io = captureIo();
    expect(await main(['node', 'authmail', 'translations'], io)).toBe(0);
    const output = io.stdout.join('\n');
    expect(output).toMatch(/locale\s+coverage\s+missing\s+extra\s+variables\s+untranslated/);
    expect(output).toMatch(/fa-IR\s+100%/);
    expect(output).toContain('21 locale(s) checked');
  });

  it('exits 1 on the seeded mistakes, naming each one', async () => {
    const io = captureIo();
    expect(await main(['node', 'authmail', 'translations', '--locales-dir', seeded], io)).toBe(1);
    const output = io.stdout.join('\n');
    expect(output).toMatch(/de\s+100%/);
    expect(output).toMatch(/fr\s+9\d\.\d%\s+1\s+1\s+2\s+1\s+1/);
    expect(output).toContain('fr Register.subject: {{cod}} is not in English');
    expect(output).toMatch(/th\s+100%/); // the shipped locales the folder does not touch are reviewed too
    expect(io.stderr.join('\n')).toMatch(/authmail: \d+ translation problem\(s\) in 1 locale\(s\): fr/);
  });

  it('reviews only the locales asked for, and names the valid ones for an unknown tag', async () => {
    const clean = captureIo();
    expect(await main(['node', 'authmail', 'translations', '--locales-dir', seeded, '--locales', 'de'], clean)).toBe(0);
    expect(clean.stdout.join('\n')).not.toMatch(/^fr\s/m);
    const bad = captureIo();
    expect(await main(['node', 'authmail', 'translations', '--locales-dir', seeded, '--locales', 'xx'], bad)).toBe(2);
    // The project's folder is merged over the shipped one: every shipped locale is valid.
    expect(bad.stderr.join('\n')).toContain(`Unknown locale "xx". Supported locales: ${[...loadLocales().keys()].join(', ')}.`);
  });
});
