import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCheckConfig, loadCheckConfig, parseCheckConfig } from '../../src/check/config.ts';
import { emailFindings, gate, inboxFindings } from '../../src/check/gate.ts';
import { renderMatrix } from '../../src/check/render-matrix.ts';
import { formatCheckReport } from '../../src/check/report.ts';
import type { InboxReport } from '../../src/inbox/inbox.ts';
import { loadLocales } from '../../src/locales.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { lintEmail } from '../../src/render/lint.ts';
import type { RenderedEmail } from '../../src/render/types.ts';
import { usageTypeNames } from '../../src/schema/usage-types.ts';
import { seededDuringTests } from './seed.ts';
import { tempFolder } from '../helpers/temp-folder.ts';

const locales = ['en', 'zh-TW', 'th'];
const seeded = seededDuringTests();
const scratch = tempFolder('authmail-config-');

function crafted(html: string): RenderedEmail {
  const email = { type: 'SignIn', locale: 'en', subject: 'Code 1', preheader: '', html, text: 'Code 1', placeholders: [] } as Omit<RenderedEmail, 'lint'>;
  return { ...email, lint: lintEmail({ ...email, lang: 'en', dir: 'ltr' }) } as RenderedEmail;
}
const page = (body: string) =>
  `<!DOCTYPE html><html lang="en" dir="ltr"><head><title>t</title><meta name="color-scheme" content="light"></head><body lang="en" dir="ltr">${body}</body></html>`;

describe('check config', () => {
  it('has defaults from the size budget and rejects bad files naming the path', async () => {
    expect(defaultCheckConfig.size).toEqual({ warnBytes: 80 * 1024, failBytes: 102 * 1024 });
    expect(await loadCheckConfig(join(scratch(), 'absent.json'), { explicit: false })).toEqual(defaultCheckConfig);
    await expect(loadCheckConfig(join(scratch(), 'absent.json'), { explicit: true })).rejects.toThrow(/Cannot read check config .*absent\.json/);
    const bad = join(scratch(), 'bad.json');
    writeFileSync(bad, JSON.stringify({ htmlCheck: { minSupported: 140 }, typo: true }));
    await expect(loadCheckConfig(bad, { explicit: true })).rejects.toThrow(
      new RegExp(`Invalid check config ${bad}:\\n  htmlCheck.minSupported: .*\\n  \\(root\\): Unrecognized key: "typo"`)
    );
    expect(parseCheckConfig({ htmlCheck: { families: { gmail: 60 } } }, 'x').htmlCheck).toEqual({ minSupported: 75, families: { gmail: 60 } });
  });
});

describe('gate on seeded defects', () => {
  it('fails an oversized email, warns near the budget', () => {
    const over = crafted(page(`<p>${'x'.repeat(103 * 1024)}</p>`));
    const near = crafted(page(`<p>${'x'.repeat(85 * 1024)}</p>`));
    expect(emailFindings(over, 'value', defaultCheckConfig)).toEqual([
      expect.objectContaining({ level: 'error', rule: 'size', message: expect.stringMatching(/over the 102\.0 KB budget/) }),
    ]);
    expect(emailFindings(near, 'value', defaultCheckConfig)).toEqual([expect.objectContaining({ level: 'warning', rule: 'size' })]);
    const tight = parseCheckConfig({ size: { warnBytes: 50 * 1024, failBytes: 60 * 1024 } }, 'x');
    expect(emailFindings(near, 'value', tight)).toEqual([expect.objectContaining({ level: 'error', rule: 'size' })]);
  });

  it('fails a value-mode email with an unfilled placeholder', () => {
    const findings = emailFindings(crafted(page('<p>Hi {{user.name}}</p>')), 'value', defaultCheckConfig);
    expect(findings).toContainEqual(
      expect.objectContaining({ level: 'error', rule: 'placeholder-unresolved', message: '{{user.name}} is left unfilled with sample variables' })
    );
  });

  it('finds the missing alt, the http link, the broken placeholder and the missing translation', async () => {
    const renderer = createRenderer({ templatesDir: seeded().templatesDir, catalog: loadLocales(seeded().localesDir) });
    const rendered = await renderMatrix(renderer, { types: ['SignIn', 'Register'], locales }, ['placeholder', 'value']);
    const result = gate({ rendered, emails: 6 }, defaultCheckConfig);
    expect(result.failed).toBe(true);
    const errors = (type: string, locale: string) =>
      new Set(result.findings.filter((f) => f.type === type && f.locale === locale && f.level === 'error').map((f) => f.rule));
    for (const locale of locales)
      expect(errors('SignIn', locale)).toEqual(expect.objectContaining(new Set(['img-alt', 'insecure-link', 'placeholder-broken'])));
    expect([...errors('SignIn', 'th')]).toContain('missing-translation');
    expect([...errors('SignIn', 'en')]).not.toContain('missing-translation');
    // The pipeline reports a locale's untranslated keys on every email of that locale.
    expect(result.findings.filter((f) => f.type === 'Register' && f.level === 'error').map((f) => [f.locale, f.rule])).toEqual([['th', 'missing-translation']]);

    const report = formatCheckReport(result);
    expect(report).toMatch(/✗ SignIn · th\n/);
    expect(report).toMatch(/error +img-alt +image without alt text/);
    expect(report).toMatch(/error +insecure-link +non-https link: http:\/\/insecure\.example\/help/);
    expect(report).toMatch(/FAILED$/);
    expect(report).not.toMatch(/Register · en/);

    const lenient = parseCheckConfig({ missingTranslations: 'warning' }, 'x');
    expect(gate({ rendered, emails: 6 }, lenient).findings).toContainEqual(
      expect.objectContaining({ type: 'SignIn', locale: 'th', rule: 'missing-translation', level: 'warning' })
    );
  });

  it('applies html-check thresholds and broken-link levels to inbox reports', () => {
    const report = {
      email: { type: 'SignIn', locale: 'en' },
      html: {
        overall: { supported: 70, partial: 25, unsupported: 5 },
        families: [{ family: 'outlook', supported: 40, partial: 50, unsupported: 10, clients: 9 }],
        worst: [{ slug: 'css-opacity', title: 'opacity', unsupported: 37, partial: 0, found: 1 }],
        tests: 100,
      },
      links: { total: 1, broken: [{ url: 'https://acme.example/x', status: 'no such host' }], status: '1/1 broken' },
    } as unknown as InboxReport;
    const strict = parseCheckConfig({ htmlCheck: { families: { outlook: 45 } }, brokenLinks: 'error' }, 'x');
    const findings = inboxFindings(report, strict);
    expect(findings.map((f) => [f.level, f.rule])).toEqual([
      ['error', 'html-check'],
      ['error', 'html-check'],
      ['error', 'broken-link'],
    ]);
    expect(findings[0]!.message).toBe('70% supported by mail clients, under the 75% threshold (worst: opacity)');
    expect(inboxFindings(report, parseCheckConfig({ htmlCheck: { minSupported: 60 } }, 'x'))).toEqual([
      expect.objectContaining({ level: 'warning', rule: 'broken-link' }),
    ]);
  });
});

describe('gate on the shipped templates', () => {
  it('passes every usage type in en, zh-TW and th', async () => {
    const rendered = await renderMatrix(createRenderer(), { types: usageTypeNames, locales }, ['placeholder', 'value']);
    const result = gate({ rendered, emails: usageTypeNames.length * locales.length }, defaultCheckConfig);
    expect(result.findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(result.failed).toBe(false);
    expect(formatCheckReport(result)).toMatch(/27 emails checked \(static only: no Mailpit reachable\): 0 errors .* PASSED$/);
  });
});

describe('translation review findings', () => {
  it('reports a missing key once per locale, at the configured level', async () => {
    const { translationFindings } = await import('../../src/check/translations.ts');
    const catalog = loadLocales(seeded().localesDir);
    const findings = translationFindings(catalog, locales, defaultCheckConfig);
    expect(findings).toContainEqual({
      type: 'translations',
      locale: 'th',
      level: 'error',
      rule: 'translation',
      message: 'SignIn.heading: missing (English is shown instead)',
    });
    expect(findings.filter((f) => f.locale !== 'th')).toEqual([]);
    expect(translationFindings(catalog, locales, parseCheckConfig({ missingTranslations: 'off' }, 'x'))).toEqual([]);
  });
});
