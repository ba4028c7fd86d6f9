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

describe('plural forms', () => {
  /** The shipped catalog with one locale's messages changed. */
  const edited = (tag: string, edit: (common: Record<string, string>) => void) => {
    const catalog = new Map(loadLocales());
    const messages = structuredClone(catalog.get(tag)!) as Record<string, Record<string, string>>;
    edit(messages.common!);
    catalog.set(tag, messages);
    return reviewTranslations(catalog, { locales: [tag] })[0]!;
  };

  it('counts each locale against its own language: six forms in Arabic, four in Russian, one in Japanese', () => {
    const [en, ar, ru, ja] = reviewTranslations(loadLocales(), { locales: ['en', 'ar', 'ru', 'ja'] });
    // Two pluralised families (minutes and seconds): en 2+2 forms, ar 6+6, ru 4+4, ja 1+1.
    expect(ar!.total - en!.total).toBe(8);
    expect(ru!.total - en!.total).toBe(4);
    expect(ja!.total - en!.total).toBe(-2);
    expect([ar, ru, ja].map((report) => report!.pluralMismatches)).toEqual([[], [], []]);
  });

  it('catches a Russian locale without its "few" form, naming the forms Russian needs', () => {
    const ru = edited('ru', (common) => delete common.expiry_few);
    expect(ru.pluralMismatches).toEqual([{ key: 'common.expiry', expected: ['one', 'few', 'many', 'other'], missing: ['few'], extra: [] }]);
    expect(ru.missing).toEqual([]); // reported once, as a plural form
    expect(hasTranslationProblems(ru)).toBe(true);
    expect(translationProblems(ru)).toEqual(['ru common.expiry: plural form(s) common.expiry_few missing (ru has the plural forms one, few, many, other)']);
  });

  it('catches a missing "other" form, in a language with two forms and in one with only "other"', () => {
    const de = edited('de', (common) => delete common.expirySeconds_other);
    expect(translationProblems(de)).toEqual([
      'de common.expirySeconds: plural form(s) common.expirySeconds_other missing (de has the plural forms one, other)',
    ]);
    const ja = edited('ja', (common) => delete common.expiry_other);
    expect(translationProblems(ja)).toEqual(['ja common.expiry: plural form(s) common.expiry_other missing (ja has the plural forms other)']);
  });

  it('flags forms the language never uses', () => {
    const ja = edited('ja', (common) => (common.expiry_one = 'このコードの有効期限は {{count, number}} 分間です。'));
    expect(ja.pluralMismatches).toEqual([{ key: 'common.expiry', expected: ['other'], missing: [], extra: ['one'] }]);
    expect(ja.extra).toEqual([]);
    expect(translationProblems(ja)).toEqual(['ja common.expiry: plural form(s) common.expiry_one never used (ja has the plural forms other); remove them']);
  });

  it('lets only a form of a single number spell it out: Arabic "two" may, Russian "one" (also 21, 31…) may not', () => {
    expect(reviewTranslations(loadLocales(), { locales: ['ar'] })[0]!.countMissing).toEqual([]); // دقيقتين
    const ru = edited('ru', (common) => (common.expiry_one = 'Код действует одну минуту, и его можно использовать только один раз.'));
    expect(ru.countMissing).toEqual(['common.expiry_one']);
    expect(translationProblems(ru)).toEqual(['ru common.expiry_one: has no {{count}}, but more than one number uses this form']);
  });

  it('holds every form to English variables, with count allowed only in plural forms', () => {
    const pl = edited('pl-PL', (common) => (common.expiry_few = common.expiry_few!.replace('{{count, number}}', '{{cuont}}')));
    expect(pl.placeholderMismatches).toEqual([{ key: 'common.expiry_few', missing: [], unexpected: ['cuont'] }]);
    expect(pl.countMissing).toEqual(['common.expiry_few']);
    const de = edited('de', (common) => (common.help = 'Hilfe für {{count}}?'));
    expect(de.placeholderMismatches).toEqual([{ key: 'common.help', missing: [], unexpected: ['count'] }]);
  });
});

describe('authmail translations', () => {
  it('prints a per-locale table and exits 0 on the shipped locales', async () => {
    const io = captureIo();
    expect(await main(['node', 'authmail', 'translations'], io)).toBe(0);
    const output = io.stdout.join('\n');
    expect(output).toMatch(/locale\s+coverage\s+missing\s+extra\s+plurals\s+variables\s+untranslated/);
    expect(output).toMatch(/fa-IR\s+100%/);
    expect(output).toContain('21 locale(s) checked');
  });

  it('exits 1 on the seeded mistakes, naming each one', async () => {
    const io = captureIo();
    expect(await main(['node', 'authmail', 'translations', '--locales-dir', seeded], io)).toBe(1);
    const output = io.stdout.join('\n');
    expect(output).toMatch(/de\s+100%/);
    expect(output).toMatch(/fr\s+9\d\.\d%\s+1\s+1\s+-\s+2\s+1\s+1/);
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
