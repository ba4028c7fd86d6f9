import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigSchema, defaultCheckConfig, loadCheckConfig, parseCheckConfig } from '../../src/check/config.ts';
import { emailFindings, gate, inboxFindings } from '../../src/check/gate.ts';
import { renderMatrix } from '../../src/compile/render-matrix.ts';
import { formatCheckReport } from '../../src/check/report.ts';
import type { InboxReport } from '../../src/inbox/inbox.ts';
import { loadLocales } from '../../src/locales.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { lintEmail } from '../../src/render/lint.ts';
import type { RenderedEmail } from '../../src/render/types.ts';
import { usageTypeNames } from '../../src/schema/usage-types.ts';
import { seededDuringTests, seedProject, seedProjectKeys } from './seed.ts';
import { tempFolder } from '../helpers/temp-folder.ts';

const locales = ['en', 'zh-TW', 'th'];
const seeded = seededDuringTests();
const scratch = tempFolder('authmail-config-');

function crafted(html: string): RenderedEmail {
  const email = { type: 'SignIn', locale: 'en', subject: 'Code 1', preheader: '', html, text: 'Code 1', placeholders: [], translationKeys: [] } as Omit<
    RenderedEmail,
    'lint'
  >;
  return { ...email, lint: lintEmail({ ...email, lang: 'en', dir: 'ltr' }) } as RenderedEmail;
}
const page = (body: string) =>
  `<!DOCTYPE html><html lang="en" dir="ltr"><head><title>t</title><meta name="color-scheme" content="light"></head><body lang="en" dir="ltr">${body}</body></html>`;

describe('check config', () => {
  it('has the defaults docs/preview.md states, every field listed', () => {
    const docs = readFileSync(join(import.meta.dirname, '../../docs/preview.md'), 'utf8');
    const stated = /The defaults:\n\n```json\n([\s\S]*?)\n```/.exec(docs)![1]!;
    expect(Object.keys(JSON.parse(stated)).sort()).toEqual(Object.keys(checkConfigSchema.shape).sort());
    expect(parseCheckConfig(JSON.parse(stated), 'docs')).toEqual(defaultCheckConfig);
  });

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
    const { translationFindings } = await import('../../src/check/translations.ts');
    const catalog = loadLocales(seeded().localesDir);
    const renderer = createRenderer({ templatesDir: seeded().templatesDir, catalog });
    const rendered = await renderMatrix(renderer, { types: ['SignIn', 'Register'], locales }, ['placeholder', 'value']);
    const extra = translationFindings(catalog, { locales, emails: rendered.map(({ email }) => email) }, defaultCheckConfig);
    const result = gate({ rendered, extra, emails: 6 }, defaultCheckConfig);
    expect(result.failed).toBe(true);
    const errors = (type: string, locale: string) =>
      new Set(result.findings.filter((f) => f.type === type && f.locale === locale && f.level === 'error').map((f) => f.rule));
    for (const locale of locales)
      expect(errors('SignIn', locale)).toEqual(expect.objectContaining(new Set(['img-alt', 'insecure-link', 'placeholder-broken'])));
    // th's blank SignIn.heading: one finding for the locale and key, not one per email; a warning by default.
    expect(result.findings.filter((f) => f.rule === 'missing-translation')).toEqual([
      {
        type: 'translations',
        locale: 'th',
        level: 'warning',
        rule: 'missing-translation',
        message: '"SignIn.heading" is not translated; English is shown (used by SignIn)',
      },
    ]);
    expect(result.findings.filter((f) => f.type === 'Register' && f.level === 'error')).toEqual([]);

    const report = formatCheckReport(result);
    expect(report).toMatch(/✗ SignIn · th\n/);
    expect(report).toMatch(/error +img-alt +image without alt text/);
    expect(report).toMatch(/error +insecure-link +non-https link: http:\/\/insecure\.example\/help: anyone on the network path/);
    expect(report).toMatch(/! translations · th\n +warning +missing-translation +"SignIn.heading" is not translated/);
    // Emails and translation findings are counted apart: 3 SignIn emails fail, the locale's warning is no email.
    expect(report).toMatch(/6 emails checked .*: \d+ errors in 3 emails, 0 warnings\. Translations: 0 errors, 1 warning, 0 notes\. FAILED$/);
    expect(report).not.toMatch(/Register · en/);

    const strict = parseCheckConfig({ missingTranslations: 'error' }, 'x');
    expect(translationFindings(catalog, { locales, emails: rendered.map(({ email }) => email) }, strict)).toContainEqual(
      expect.objectContaining({ type: 'translations', locale: 'th', rule: 'missing-translation', level: 'error' })
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

describe("a project's own keys", () => {
  it('an en-only key one template uses: one warning per locale, check passes; an unused key: one note', async () => {
    const { translationFindings } = await import('../../src/check/translations.ts');
    const keys = seedProjectKeys();
    try {
      const catalog = loadLocales(keys.localesDir);
      const renderer = createRenderer({ templatesDir: keys.templatesDir, catalog });
      const rendered = await renderMatrix(renderer, { types: usageTypeNames, locales }, ['placeholder', 'value']);
      const emails = rendered.map(({ email }) => email);
      const extra = translationFindings(catalog, { locales, emails, shipped: loadLocales() }, defaultCheckConfig);
      expect(extra).toEqual([
        {
          type: 'translations',
          locale: 'zh-TW',
          level: 'warning',
          rule: 'missing-translation',
          message: expect.stringMatching(/^"globex.banner" is not translated; English is shown \(used by SignIn\)$/),
        },
        {
          type: 'translations',
          locale: 'th',
          level: 'warning',
          rule: 'missing-translation',
          message: expect.stringMatching(/^"globex.banner" is not translated/),
        },
        {
          type: 'translations',
          locale: 'en',
          level: 'note',
          rule: 'unused-translation',
          message: expect.stringMatching(/^"globex.unused" is looked up by no email/),
        },
      ]);
      const result = gate({ rendered, extra, emails: usageTypeNames.length * locales.length }, defaultCheckConfig);
      expect(result.failed).toBe(false);
      expect(formatCheckReport(result)).toMatch(
        /27 emails checked .*: 0 errors in 0 emails, 0 warnings\. Translations: 0 errors, 2 warnings, 1 note\. PASSED$/
      );
      // Not every type checked: a key may belong to a type left out, so no note.
      expect(translationFindings(catalog, { locales, emails }, defaultCheckConfig).map((f) => f.rule)).not.toContain('unused-translation');
    } finally {
      keys.remove();
    }
  });
});

describe('the keys an email looks up', () => {
  it("an MJML template's path to a message English lacks yet renders empty and is recorded: adding the message changes the email's key", async () => {
    const { messagesUsed } = await import('../../src/i18n/key-usage.ts');
    const project = seedProject('mjml-keys');
    try {
      const file = join(project.templatesDir, 'invite.mjml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('[[t.OrganizationInvitation.heading]]', '[[t.OrganizationInvitation.heading]][[t.globex.later]]'));
      const email = await createRenderer({ templatesDir: project.templatesDir }).render('OrganizationInvitation', { locale: 'en', mode: 'placeholder' });
      expect(email.translationKeys).toContain('globex.later');
      expect(email.lint.filter((issue) => issue.level === 'error')).toEqual([]);
      mkdirSync(join(project.localesDir, 'en'), { recursive: true });
      writeFileSync(join(project.localesDir, 'en', 'email.json'), JSON.stringify({ globex: { later: 'Added later.' } }));
      expect(messagesUsed(loadLocales(project.localesDir), 'en', email.translationKeys)).not.toBe(messagesUsed(loadLocales(), 'en', email.translationKeys));
      const later = await createRenderer({ templatesDir: project.templatesDir, catalog: loadLocales(project.localesDir) }).render('OrganizationInvitation', {
        locale: 'en',
        mode: 'placeholder',
      });
      expect(later.html).toContain('Added later.');
    } finally {
      project.remove();
    }
  });
});

describe('translation review findings', () => {
  it('reports the review per locale at its level; missing keys only when an email shows them', async () => {
    const { translationFindings } = await import('../../src/check/translations.ts');
    const catalog = loadLocales(seeded().localesDir);
    const th = createRenderer({ catalog });
    const register = await th.render('Register', { locale: 'th', mode: 'placeholder' });
    // No email looks SignIn.heading up: its blank th text shows nowhere, so it is no finding.
    expect(translationFindings(catalog, { locales, emails: [register] }, defaultCheckConfig)).toEqual([]);
    const signIn = await th.render('SignIn', { locale: 'th', mode: 'placeholder' });
    expect(translationFindings(catalog, { locales, emails: [register, signIn] }, defaultCheckConfig)).toEqual([
      expect.objectContaining({ locale: 'th', rule: 'missing-translation', level: 'warning' }),
    ]);
    const off = parseCheckConfig({ missingTranslations: 'off' }, 'x');
    expect(translationFindings(catalog, { locales, emails: [register, signIn] }, off)).toEqual([]);
  });
});
