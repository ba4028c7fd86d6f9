/** Step 2 and the i18next `{{ }}` clash with Logto placeholders. */
import { describe, expect, it } from 'vitest';
import { createTranslator, TranslationError } from '../../src/render/translate.ts';
import type { LocaleCatalog, Messages } from '../../src/locales.ts';
import { createRenderer } from '../../src/render/pipeline.ts';

const catalog: LocaleCatalog = new Map<string, Messages>([
  ['en', { a: { subject: '{{code}} is your {{brandName}} code', only: 'English only', bad: 'Hi {{cod}}' } }],
  ['th', { a: { subject: '{{code}} คือรหัส {{brandName}}' } }],
]);

describe('translate', () => {
  it('inserts a Logto token as one unbroken placeholder and a value unescaped (escaping happens once, later)', () => {
    const t = createTranslator(catalog, 'en');
    expect(t.t('a.subject', { code: '{{code}}', brandName: 'A & B <C>' })).toBe('{{code}} is your A & B <C> code');
  });

  it('does not re-interpolate a value that looks like a variable', () => {
    const t = createTranslator(catalog, 'en');
    expect(t.t('a.subject', { code: '{{brandName}}', brandName: 'X' })).toBe('{{brandName}} is your X code');
  });

  it('falls back to English per key and reports the keys that fell back', () => {
    const t = createTranslator(catalog, 'th');
    expect(t.t('a.subject', { code: '{{code}}', brandName: 'X' })).toBe('{{code}} คือรหัส X');
    expect(t.t('a.only')).toBe('English only');
    expect(t.missingKeys).toEqual(['a.only', 'a.bad']);
  });

  it('throws on a variable the template does not provide, naming locale, key and variable', () => {
    const t = createTranslator(catalog, 'en');
    expect(() => t.t('a.bad', { code: '{{code}}' })).toThrow(TranslationError);
    expect(() => t.t('a.bad', { code: '{{code}}' })).toThrow(/locales\/en "a.bad" uses {{cod}}/);
  });

  it('a reloaded catalog keeps the translators of unchanged locales and replaces the rest (build --watch)', () => {
    const th = createTranslator(catalog, 'th');
    const en = createTranslator(catalog, 'en');
    // One locale file changed: the other locales' messages are the same objects.
    const thEdited: Messages = { a: { subject: '{{code}} รหัสใหม่ {{brandName}}', only: 'ไทย' } };
    const reloaded: LocaleCatalog = new Map([
      ['en', catalog.get('en')!],
      ['th', thEdited],
    ]);
    expect(createTranslator(reloaded, 'en')).toBe(en);
    const thAgain = createTranslator(reloaded, 'th');
    expect(thAgain).not.toBe(th);
    expect(thAgain.t('a.subject', { code: '1', brandName: 'X' })).toBe('1 รหัสใหม่ X');
    expect(thAgain.missingKeys).toEqual(['a.bad']);
    // English changed: every locale falls back to the new English.
    const enEdited: Messages = { a: { subject: 'new {{code}}', only: 'English only, edited', bad: 'x', added: 'Added' } };
    const thOnNewEnglish = createTranslator(
      new Map([
        ['en', enEdited],
        ['th', thEdited],
      ]),
      'th'
    );
    expect(thOnNewEnglish).not.toBe(thAgain);
    expect(thOnNewEnglish.t('a.added')).toBe('Added');
    expect(thOnNewEnglish.missingKeys).toEqual(['a.bad', 'a.added']);
  });

  it('throws on a key English does not have', () => {
    expect(() => createTranslator(catalog, 'en').t('a.nope')).toThrow(/Unknown translation key "a.nope"/);
  });

  describe('plural forms', () => {
    const plural: LocaleCatalog = new Map<string, Messages>([
      [
        'en',
        { a: { left_one: '{{count, number}} minute left, {{brandName}}', left_other: '{{count, number}} minutes left, {{brandName}}', plain: 'Hi {{count}}' } },
      ],
      [
        'ru',
        { a: { left_one: 'осталась {{count, number}} минута', left_few: 'осталось {{count, number}} минуты', left_many: 'осталось {{count, number}} минут' } },
      ],
      ['ja', { a: { left_other: '残り {{count, number}} 分' } }],
      ['fa-IR', { a: { left_one: '{{count, number}} دقیقه', left_other: '{{count, number}} دقیقه' } }],
    ]);

    it('picks the form of the language by the count, and writes the number in its digits', () => {
      expect(createTranslator(plural, 'en').t('a.left', { brandName: 'X' }, 1)).toBe('1 minute left, X');
      expect(createTranslator(plural, 'en').t('a.left', { brandName: 'X' }, 1200)).toBe('1,200 minutes left, X');
      const ru = createTranslator(plural, 'ru');
      expect([1, 3, 5, 21, 22, 25].map((count) => ru.t('a.left', {}, count))).toEqual([
        'осталась 1 минута',
        'осталось 3 минуты',
        'осталось 5 минут',
        'осталась 21 минута',
        'осталось 22 минуты',
        'осталось 25 минут',
      ]);
      expect(createTranslator(plural, 'ja').t('a.left', {}, 1)).toBe('残り 1 分');
      expect(createTranslator(plural, 'fa-IR').t('a.left', {}, 10)).toBe('۱۰ دقیقه');
    });

    it('asks a pluralised key by its base, with a count; its forms count as missing per the language', () => {
      expect(() => createTranslator(plural, 'en').t('a.left')).toThrow(/"a.left" is pluralised .*: it needs a count/);
      expect(createTranslator(plural, 'ja').missingKeys).toEqual(['a.plain']);
      expect(createTranslator(plural, 'ru').missingKeys).toEqual(['a.left_other', 'a.plain']);
    });

    it('gives the count to pluralised keys only: a {{count}} elsewhere is an unknown variable', () => {
      expect(() => createTranslator(plural, 'en').t('a.plain', {}, 3)).toThrow(/"a.plain" uses {{count}}, which is not a translation variable here/);
    });
  });

  it('renders brand text with one level of HTML escaping, not two', async () => {
    const renderer = createRenderer();
    const brand = { ...renderer.brand, name: 'Tom & Jerry <Co>' };
    const email = await createRenderer({ brand }).render('SignIn', { locale: 'en', mode: 'placeholder' });
    expect(email.subject).toBe('{{code}} is your Tom & Jerry <Co> sign-in code');
    expect(email.html).toContain('Tom &amp; Jerry &lt;Co&gt;');
    expect(email.html).not.toContain('&amp;amp;');
    expect(email.text).toContain('Tom & Jerry <Co>');
  });
});
