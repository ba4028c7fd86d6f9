/**
 * The code lifetime (Logto's verificationCodePolicy.expirationDuration) as every email states it:
 * pluralised by each language's rules, in HTML, text and the compiled connector files, checked
 * against sentences written out by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.ts';
import { cacheKeys } from '../../src/compile/cache-key.ts';
import { escapeHtml } from '../../src/render/placeholders.ts';
import { createRenderer, type Renderer } from '../../src/render/pipeline.ts';
import { createTranslator } from '../../src/render/translate.ts';
import { expiryMessage, maxCodeLifetime, minCodeLifetime } from '../../src/render/lifetime.ts';
import { sampleVariables } from '../../src/samples.ts';
import { targets } from '../../src/targets/index.ts';
import { usageTypeNames, type UsageType } from '../../src/schema/usage-types.ts';
import type { RenderedEmail } from '../../src/render/types.ts';

/** Today's default, unchanged: a tenant that keeps Logto's 600 s gets exactly these. */
const tenMinutes: Record<string, string> = {
  ar: 'تنتهي صلاحية هذا الرمز خلال 10 دقائق، ولا يمكن استخدامه إلا مرة واحدة.',
  cs: 'Platnost tohoto kódu vyprší za 10 minut a lze jej použít pouze jednou.',
  de: 'Dieser Code ist 10 Minuten lang gültig und kann nur einmal verwendet werden.',
  en: 'This code expires in 10 minutes and can be used only once.',
  'es-MX': 'Este código vence en 10 minutos y solo puede usarse una vez.',
  es: 'Este código caduca en 10 minutos y solo se puede usar una vez.',
  'fa-IR': 'این کد پس از ۱۰ دقیقه منقضی می‌شود و فقط یک بار قابل استفاده است.',
  fr: 'Ce code expire dans 10 minutes et ne peut être utilisé qu’une seule fois.',
  it: 'Questo codice scade tra 10 minuti e può essere utilizzato una sola volta.',
  ja: 'このコードの有効期限は 10 分間で、使用できるのは 1 回のみです。',
  ko: '이 코드는 10분 후에 만료되며 한 번만 사용할 수 있습니다.',
  'pl-PL': 'Ten kod wygasa po 10 minutach i można go użyć tylko raz.',
  'pt-BR': 'Este código expira em 10 minutos e só pode ser usado uma vez.',
  'pt-PT': 'Este código expira dentro de 10 minutos e só pode ser utilizado uma vez.',
  ru: 'Код действует 10 минут, и его можно использовать только один раз.',
  th: 'รหัสนี้จะหมดอายุภายใน 10 นาทีและใช้ได้เพียงครั้งเดียว',
  'tr-TR': 'Bu kodun süresi 10 dakika içinde dolar ve kod yalnızca bir kez kullanılabilir.',
  'uk-UA': 'Код дійсний протягом 10 хвилин, і його можна використати лише один раз.',
  'zh-CN': '此验证码将在 10 分钟后失效，且只能使用一次。',
  'zh-HK': '此驗證碼將於 10 分鐘後失效，並只可使用一次。',
  'zh-TW': '此驗證碼將於 10 分鐘後失效，且僅能使用一次。',
};

const fiveMinutes: Record<string, string> = {
  ar: 'تنتهي صلاحية هذا الرمز خلال 5 دقائق، ولا يمكن استخدامه إلا مرة واحدة.',
  cs: 'Platnost tohoto kódu vyprší za 5 minut a lze jej použít pouze jednou.',
  de: 'Dieser Code ist 5 Minuten lang gültig und kann nur einmal verwendet werden.',
  en: 'This code expires in 5 minutes and can be used only once.',
  'es-MX': 'Este código vence en 5 minutos y solo puede usarse una vez.',
  es: 'Este código caduca en 5 minutos y solo se puede usar una vez.',
  'fa-IR': 'این کد پس از ۵ دقیقه منقضی می‌شود و فقط یک بار قابل استفاده است.',
  fr: 'Ce code expire dans 5 minutes et ne peut être utilisé qu’une seule fois.',
  it: 'Questo codice scade tra 5 minuti e può essere utilizzato una sola volta.',
  ja: 'このコードの有効期限は 5 分間で、使用できるのは 1 回のみです。',
  ko: '이 코드는 5분 후에 만료되며 한 번만 사용할 수 있습니다.',
  'pl-PL': 'Ten kod wygasa po 5 minutach i można go użyć tylko raz.',
  'pt-BR': 'Este código expira em 5 minutos e só pode ser usado uma vez.',
  'pt-PT': 'Este código expira dentro de 5 minutos e só pode ser utilizado uma vez.',
  ru: 'Код действует 5 минут, и его можно использовать только один раз.',
  th: 'รหัสนี้จะหมดอายุภายใน 5 นาทีและใช้ได้เพียงครั้งเดียว',
  'tr-TR': 'Bu kodun süresi 5 dakika içinde dolar ve kod yalnızca bir kez kullanılabilir.',
  'uk-UA': 'Код дійсний протягом 5 хвилин, і його можна використати лише один раз.',
  'zh-CN': '此验证码将在 5 分钟后失效，且只能使用一次。',
  'zh-HK': '此驗證碼將於 5 分鐘後失效，並只可使用一次。',
  'zh-TW': '此驗證碼將於 5 分鐘後失效，且僅能使用一次。',
};

/** The singular: Arabic spells "one minute" out, Czech and Russian take the accusative, Ukrainian and Polish their cases. */
const oneMinute: Record<string, string> = {
  ar: 'تنتهي صلاحية هذا الرمز خلال دقيقة واحدة، ولا يمكن استخدامه إلا مرة واحدة.',
  cs: 'Platnost tohoto kódu vyprší za 1 minutu a lze jej použít pouze jednou.',
  de: 'Dieser Code ist 1 Minute lang gültig und kann nur einmal verwendet werden.',
  en: 'This code expires in 1 minute and can be used only once.',
  'es-MX': 'Este código vence en 1 minuto y solo puede usarse una vez.',
  es: 'Este código caduca en 1 minuto y solo se puede usar una vez.',
  'fa-IR': 'این کد پس از ۱ دقیقه منقضی می‌شود و فقط یک بار قابل استفاده است.',
  fr: 'Ce code expire dans 1 minute et ne peut être utilisé qu’une seule fois.',
  it: 'Questo codice scade tra 1 minuto e può essere utilizzato una sola volta.',
  ja: 'このコードの有効期限は 1 分間で、使用できるのは 1 回のみです。',
  ko: '이 코드는 1분 후에 만료되며 한 번만 사용할 수 있습니다.',
  'pl-PL': 'Ten kod wygasa po 1 minucie i można go użyć tylko raz.',
  'pt-BR': 'Este código expira em 1 minuto e só pode ser usado uma vez.',
  'pt-PT': 'Este código expira dentro de 1 minuto e só pode ser utilizado uma vez.',
  ru: 'Код действует 1 минуту, и его можно использовать только один раз.',
  th: 'รหัสนี้จะหมดอายุภายใน 1 นาทีและใช้ได้เพียงครั้งเดียว',
  'tr-TR': 'Bu kodun süresi 1 dakika içinde dolar ve kod yalnızca bir kez kullanılabilir.',
  'uk-UA': 'Код дійсний протягом 1 хвилини, і його можна використати лише один раз.',
  'zh-CN': '此验证码将在 1 分钟后失效，且只能使用一次。',
  'zh-HK': '此驗證碼將於 1 分鐘後失效，並只可使用一次。',
  'zh-TW': '此驗證碼將於 1 分鐘後失效，且僅能使用一次。',
};

/** Not whole minutes: stated in seconds, never rounded. */
const ninetySeconds: Record<string, string> = {
  ar: 'تنتهي صلاحية هذا الرمز خلال 90 ثانية، ولا يمكن استخدامه إلا مرة واحدة.',
  cs: 'Platnost tohoto kódu vyprší za 90 sekund a lze jej použít pouze jednou.',
  de: 'Dieser Code ist 90 Sekunden lang gültig und kann nur einmal verwendet werden.',
  en: 'This code expires in 90 seconds and can be used only once.',
  'es-MX': 'Este código vence en 90 segundos y solo puede usarse una vez.',
  es: 'Este código caduca en 90 segundos y solo se puede usar una vez.',
  'fa-IR': 'این کد پس از ۹۰ ثانیه منقضی می‌شود و فقط یک بار قابل استفاده است.',
  fr: 'Ce code expire dans 90 secondes et ne peut être utilisé qu’une seule fois.',
  it: 'Questo codice scade tra 90 secondi e può essere utilizzato una sola volta.',
  ja: 'このコードの有効期限は 90 秒間で、使用できるのは 1 回のみです。',
  ko: '이 코드는 90초 후에 만료되며 한 번만 사용할 수 있습니다.',
  'pl-PL': 'Ten kod wygasa po 90 sekundach i można go użyć tylko raz.',
  'pt-BR': 'Este código expira em 90 segundos e só pode ser usado uma vez.',
  'pt-PT': 'Este código expira dentro de 90 segundos e só pode ser utilizado uma vez.',
  ru: 'Код действует 90 секунд, и его можно использовать только один раз.',
  th: 'รหัสนี้จะหมดอายุภายใน 90 วินาทีและใช้ได้เพียงครั้งเดียว',
  'tr-TR': 'Bu kodun süresi 90 saniye içinde dolar ve kod yalnızca bir kez kullanılabilir.',
  'uk-UA': 'Код дійсний протягом 90 секунд, і його можна використати лише один раз.',
  'zh-CN': '此验证码将在 90 秒后失效，且只能使用一次。',
  'zh-HK': '此驗證碼將於 90 秒後失效，並只可使用一次。',
  'zh-TW': '此驗證碼將於 90 秒後失效，且僅能使用一次。',
};

/** The forms only the Slavic languages and Arabic have: the dual and "few" (2), and 21 (Russian "one", Arabic "many"). */
const otherForms: Record<number, Record<string, string>> = {
  120: {
    ar: 'تنتهي صلاحية هذا الرمز خلال دقيقتين، ولا يمكن استخدامه إلا مرة واحدة.',
    cs: 'Platnost tohoto kódu vyprší za 2 minuty a lze jej použít pouze jednou.',
    'pl-PL': 'Ten kod wygasa po 2 minutach i można go użyć tylko raz.',
    ru: 'Код действует 2 минуты, и его можно использовать только один раз.',
    'uk-UA': 'Код дійсний протягом 2 хвилин, і його можна використати лише один раз.',
  },
  1260: {
    ar: 'تنتهي صلاحية هذا الرمز خلال 21 دقيقة، ولا يمكن استخدامه إلا مرة واحدة.',
    cs: 'Platnost tohoto kódu vyprší za 21 minut a lze jej použít pouze jednou.',
    'pl-PL': 'Ten kod wygasa po 21 minutach i można go użyć tylko raz.',
    ru: 'Код действует 21 минуту, и его можно использовать только один раз.',
    'uk-UA': 'Код дійсний протягом 21 хвилини, і його можна використати лише один раз.',
  },
};

const locales = Object.keys(tenMinutes);
const codeTypes: readonly UsageType[] = usageTypeNames.filter((type) => type !== 'OrganizationInvitation');

/** One renderer per lifetime for the whole file, as `serve` keeps one: each reads the catalog from disk. */
const renderers = new Map<number | undefined, Renderer>();
function rendererFor(lifetime?: number): Renderer {
  let renderer = renderers.get(lifetime);
  if (!renderer) renderers.set(lifetime, (renderer = createRenderer({ codeLifetime: lifetime })));
  return renderer;
}

/** Every engine's template of each code type given, in placeholder mode (what connectors get) and in value mode. */
async function emailsOf(lifetime: number | undefined, locale: string, types: readonly UsageType[] = codeTypes): Promise<RenderedEmail[]> {
  const renderer = rendererFor(lifetime);
  const emails: RenderedEmail[] = [];
  for (const entry of renderer.registry.filter((candidate) => types.includes(candidate.type))) {
    for (const { engine } of entry.sources) {
      emails.push(await renderer.render(entry.type, { locale, engine, mode: 'placeholder' }));
      emails.push(await renderer.render(entry.type, { locale, engine, variables: sampleVariables(entry.type, locale) }));
    }
  }
  return emails;
}

function expectStated(emails: readonly RenderedEmail[], sentence: string) {
  for (const email of emails) {
    const where = `${email.type} ${email.locale}`;
    expect(email.text, where).toContain(sentence);
    expect(email.html, where).toContain(escapeHtml(sentence));
    expect(
      email.lint.filter((issue) => issue.level === 'error'),
      where
    ).toEqual([]);
  }
}

describe('the stated code lifetime', () => {
  it('is a table for every shipped locale', () => {
    const shipped = [...createRenderer().catalog.keys()].sort();
    for (const table of [tenMinutes, fiveMinutes, oneMinute, ninetySeconds]) expect(Object.keys(table).sort()).toEqual(shipped);
  });

  it.each(locales)('%s: the default is still "10 minutes", word for word', async (locale) => {
    expectStated(await emailsOf(undefined, locale), tenMinutes[locale]!);
  });

  it.each(locales)('%s: 300 s is "5 minutes", 60 s the singular and 90 s "90 seconds", in HTML and text of every engine', async (locale) => {
    for (const [lifetime, table] of [
      [300, fiveMinutes],
      [60, oneMinute],
      [90, ninetySeconds],
    ] as const) {
      // Every code type states the lifetime through the one shared CodeEmail component: every type is
      // checked at the default above and at 300 s in every connector file below, so here two types
      // whose templates cover both engines (UserPermissionValidation ships TSX and MJML) suffice.
      const emails = await emailsOf(lifetime, locale, ['SignIn', 'UserPermissionValidation']);
      expect(emails).toHaveLength(6); // SignIn's TSX and UserPermissionValidation's TSX and MJML, in both modes
      expectStated(emails, table[locale]!);
      // Placeholder mode writes the number, not a Logto token.
      expect(emails.flatMap((email) => email.placeholders)).not.toContain('count');
    }
  });

  it.each(Object.entries(otherForms).flatMap(([lifetime, table]) => Object.entries(table).map(([locale, text]) => [Number(lifetime), locale, text] as const)))(
    '%s s in %s: %s',
    async (lifetime, locale, sentence) => {
      const email = await rendererFor(lifetime).render('SignIn', { locale, mode: 'placeholder' });
      expect(email.text).toContain(sentence);
    }
  );

  it.each(locales)('%s: 300 s reaches every compiled connector file as "5 minutes"', async (locale) => {
    const renderer = rendererFor(300);
    const emails = await Promise.all(usageTypeNames.map((type: UsageType) => renderer.render(type, { locale, mode: 'placeholder' })));
    const sentence = fiveMinutes[locale]!;
    // Two connectors hold no templates: http-email posts the payload to `authmail serve` (which
    // renders with its own --code-lifetime), Logto's email service writes its own emails.
    const templated = targets.filter((target) => !['http-email', 'logto-email'].includes(target.name));
    expect(templated.length).toBeGreaterThan(8);
    for (const target of templated) {
      const compiled = JSON.stringify(target.compile(emails, { brand: renderer.brand, defaultLocale: locale, locales: [locale] }));
      // Each file holds the sentence as text or inside HTML; JSON escapes neither form's characters.
      expect(compiled.includes(sentence) || compiled.includes(escapeHtml(sentence)), target.name).toBe(true);
      expect(compiled, target.name).not.toContain(tenMinutes[locale]!);
    }
  });

  it('names its number for every lifetime Logto allows, in every locale (no form spells out a number it does not mean)', () => {
    const renderer = createRenderer();
    const translators = new Map([...renderer.catalog.keys()].map((locale) => [locale, createTranslator(renderer.catalog, locale)]));
    const digits = (locale: string, value: number) => new Intl.NumberFormat(locale).format(value);
    const check = (locale: string, lifetime: number) => {
      const { key, count } = expiryMessage(lifetime);
      const text = translators.get(locale)!.t(key, {}, count);
      // Arabic spells out one and two (دقيقة واحدة, دقيقتين); everything else shows the digits.
      const spelled = locale === 'ar' && count <= 2;
      if (!spelled) expect(text, `${locale} ${lifetime}`).toContain(digits(locale, count));
      expect(text, `${locale} ${lifetime}`).not.toMatch(/\{\{|\}\}/);
    };
    // The edges, in every locale: each whole minute (every minute count, so every plural form of
    // the minutes message) and the seconds either side of it, where the message switches, plus
    // 61–199 s, whose counts end in every pair of digits the plural rules look at.
    const edges = new Set<number>();
    for (let minute = minCodeLifetime / 60; minute <= maxCodeLifetime / 60; minute += 1)
      for (const lifetime of [minute * 60 - 1, minute * 60, minute * 60 + 1]) edges.add(lifetime);
    for (let lifetime = minCodeLifetime + 1; lifetime < 200; lifetime += 1) edges.add(lifetime);
    const allowed = [...edges].filter((lifetime) => lifetime >= minCodeLifetime && lifetime <= maxCodeLifetime);
    expect(allowed).toEqual(expect.arrayContaining([60, 61, 119, 120, 3599, 3600]));
    for (const locale of translators.keys()) for (const lifetime of allowed) check(locale, lifetime);
    // The rest of the 3,541 allowed lifetimes × every locale: a random sample each run (fast-check
    // prints the seed of a failing run), not all of them: the property is the same for each.
    fc.assert(
      fc.property(fc.constantFrom(...translators.keys()), fc.integer({ min: minCodeLifetime, max: maxCodeLifetime }), (locale, lifetime) =>
        check(locale, lifetime)
      ),
      { numRuns: 1000 }
    );
  });

  it('is not stated in an invitation, which has no code', async () => {
    const renderer = createRenderer({ codeLifetime: 300 });
    for (const { engine } of renderer.registry.find((entry) => entry.type === 'OrganizationInvitation')!.sources) {
      const email = await renderer.render('OrganizationInvitation', { locale: 'en', engine, mode: 'placeholder' });
      expect(email.text).not.toMatch(/minute|expire/i);
    }
  });

  it('is part of the build cache key: another lifetime renders again', () => {
    const key = (codeLifetime?: number) => {
      const renderer = createRenderer({ codeLifetime });
      const entry = renderer.registry.find((candidate) => candidate.type === 'SignIn')!;
      return cacheKeys(renderer, 'code')('SignIn', entry.sources[0]!, 'en', ['common.expiry']);
    };
    expect(key(600)).toBe(key(undefined));
    expect(key(300)).not.toBe(key(600));
  });

  it.each([
    [30, '30'],
    [4000, '4000'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    ['600' as unknown as number, '"600"'],
  ])('refuses %s, naming the value and the rule', (codeLifetime, shown) => {
    expect(() => createRenderer({ codeLifetime })).toThrow(InvalidInputError);
    expect(() => createRenderer({ codeLifetime })).toThrow(`codeLifetime: ${shown} is not a whole number of seconds from 60 to 3600`);
  });

  it('shows the lifetime in the pseudo-locale too (previews)', async () => {
    const email = await createRenderer({ codeLifetime: 300, pseudo: true }).render('SignIn', { locale: 'en-XA', mode: 'placeholder' });
    expect(email.text).toMatch(/\[Ţĥîš çöðé éẋƥîŕéš îñ 5 ɱîñûţéš/);
  });
});
