/**
 * The offline inspections of `authmail check`: html-validate catches what broke the invitation
 * (a block element in a table row group, height="auto"), and the caniemail report scores client
 * families from what an email actually uses.
 */
import { describe, expect, it } from 'vitest';
import { summariseCompatibility } from '../../src/check/client-families.ts';
import { createCompatibilityChecker } from '../../src/check/compatibility.ts';
import { parseCheckConfig, defaultCheckConfig } from '../../src/check/config.ts';
import { compatibilityFindings, structureFindings } from '../../src/check/gate.ts';
import { createStructureValidator } from '../../src/check/html-validate.ts';
import { inspectEmails } from '../../src/check/inspect.ts';
import { createRenderer } from '../../src/render/pipeline.ts';

const page = (body: string, head = '') => `<!DOCTYPE html><html lang="en" dir="ltr"><head><title>t</title>${head}</head><body>${body}</body></html>`;

describe('structure (html-validate)', () => {
  const validate = createStructureValidator();

  it('reports a div in a tbody and an img height of "auto"', async () => {
    const issues = await validate(
      page(
        '<table role="presentation"><tbody><tr><td>a</td></tr>\n<div class="am-logo-dark"><img src="https://a.example/l.png" alt="Acme"></div></tbody></table>\n<img src="https://a.example/l.png" alt="Acme" height="auto">'
      )
    );
    expect(issues).toEqual([
      { rule: 'element-permitted-content', message: '<div> element is not permitted as content under <tbody>', line: 2 },
      { rule: 'attribute-allowed-values', message: 'Attribute "height" has invalid value "auto"', line: 3 },
    ]);
  });

  it('accepts the email-isms: inline styles, bgcolor/align, conditional comments, the article landmark, self-closed voids', async () => {
    const email = page(
      '<div role="article" aria-roledescription="email" aria-label="Your code" lang="en" dir="ltr"><!--[if mso]><table><tr><td><![endif]-->' +
        '<table role="presentation" align="center" bgcolor="#ffffff" cellPadding="0" width="100%" style="mso-table-lspace:0pt"><tbody><tr><td valign="top" style="padding:0"><img src="https://a.example/l.png" width="120" alt="Acme" style="height:auto" /></td></tr></tbody></table>' +
        '<!--[if mso]></td></tr></table><![endif]--></div>',
      '<meta name="x-apple-disable-message-reformatting" /><meta name="color-scheme" content="light dark" />'
    );
    expect(await validate(email)).toEqual([]);
  });

  it('turns issues into findings at the configured level', () => {
    const inspection = {
      type: 'SignIn',
      locale: 'en',
      structure: [{ rule: 'attribute-allowed-values', message: 'Attribute "height" has invalid value "auto"', line: 3 }],
      compatibility: { features: 0, families: [], details: [] },
    };
    expect(structureFindings(inspection, defaultCheckConfig)).toEqual([
      {
        type: 'SignIn',
        locale: 'en',
        level: 'error',
        rule: 'html-validate',
        message: 'Attribute "height" has invalid value "auto" (attribute-allowed-values, line 3)',
      },
    ]);
    expect(structureFindings(inspection, parseCheckConfig({ htmlValidate: 'warning' }, 'x'))[0]!.level).toBe('warning');
    expect(structureFindings(inspection, parseCheckConfig({ htmlValidate: 'off' }, 'x'))).toEqual([]);
  });
});

describe('client compatibility (caniemail through doiuse-email)', () => {
  const check = createCompatibilityChecker();

  it('scores each family from the features the email uses', () => {
    const plain = check(page('<p>Hi</p>'));
    const styled = check(page('<p style="opacity:0.5;text-decoration-line:underline">Hi</p>'));
    const family = (report: ReturnType<typeof check>, id: string) => report.families.find((score) => score.family === id)!;
    expect(styled.features).toBeGreaterThan(plain.features);
    // caniemail: Outlook for Windows supports neither opacity nor text-decoration-line.
    expect(family(styled, 'outlook').unsupportedFeatures).toEqual(expect.arrayContaining(['opacity', 'text-decoration-line']));
    expect(family(styled, 'outlook').supported).toBeLessThan(family(plain, 'outlook').supported);
    expect(family(styled, 'apple-mail').unsupportedFeatures).toEqual([]);
    for (const score of styled.families) expect(score.supported + score.partial + score.unsupported).toBeCloseTo(100, 0);
  });

  it('says where the email uses each feature: line, column and the start tag or CSS rule', () => {
    const html = page(
      '\n<!-- <p style="opacity:0.1"> in a comment is no element -->\n<table><tr><td style="opacity:0.5">a</td></tr></table>',
      '<style>\n  .a { color: red }\n  @media (prefers-color-scheme: dark) { .a { color: white } }\n</style>'
    );
    const { details } = check(html);
    const opacity = details.find((entry) => entry.feature === 'opacity')!;
    expect(opacity.uses).toBe(1);
    expect(opacity.at).toEqual([{ line: 6, column: 12, excerpt: '<td style="opacity:0.5">' }]);
    expect(opacity.families.find((verdict) => verdict.family === 'outlook')!.no).toBeGreaterThan(0);
    const media = details.find((entry) => entry.feature === '@media')!;
    expect(media.at[0]).toMatchObject({ line: 3, column: 3 });
    expect(media.at[0]!.excerpt).toMatch(/^@media \(prefers-color-scheme: dark\)/);
    // The least supported first.
    const share = (entry: (typeof details)[number]) => entry.families.reduce((sum, verdict) => sum + verdict.no * 2 + verdict.partial, 0);
    expect(details.map(share)).toEqual([...details.map(share)].sort((a, b) => b - a));
  });

  it('fails a family under its threshold, naming what it lacks', () => {
    const compatibility = check(page('<p style="opacity:0.5">Hi</p>'));
    const inspection = { type: 'SignIn', locale: 'en', structure: [], compatibility };
    const outlook = compatibility.families.find((score) => score.family === 'outlook')!;
    // A one-paragraph page uses few features: the default 50% would fail some families on it.
    expect(compatibilityFindings(inspection, parseCheckConfig({ compatibility: { minSupported: 0 } }, 'x'))).toEqual([]);
    const strict = parseCheckConfig({ compatibility: { minSupported: 0, families: { outlook: outlook.supported + 1 } } }, 'x');
    expect(compatibilityFindings(inspection, strict)).toEqual([
      {
        type: 'SignIn',
        locale: 'en',
        level: 'error',
        rule: 'compatibility',
        message: expect.stringMatching(
          new RegExp(`^Outlook: ${outlook.supported}% supported, under the ${outlook.supported + 1}% threshold \\(not supported: .*opacity at line 1:\\d+`)
        ),
      },
    ]);
    expect(compatibilityFindings(inspection, parseCheckConfig({ compatibility: { minSupported: 100 } }, 'x')).length).toBe(
      compatibility.families.filter((score) => score.supported < 100).length
    );
  });

  it('rejects an unknown family in the config, naming the valid ones', () => {
    expect(() => parseCheckConfig({ compatibility: { families: { gmial: 60 } } }, 'authmail.check.json')).toThrow(
      /compatibility\.families: unknown client family gmial \(valid: gmail, outlook, apple-mail, yahoo, .*laposte\)/
    );
  });

  it('passes the shipped SignIn and OrganizationInvitation (both engines) with no structural issue', async () => {
    const renderer = createRenderer();
    const emails = [await renderer.render('SignIn', { locale: 'ar' }), await renderer.render('OrganizationInvitation', { locale: 'ar' })];
    const inspections = await inspectEmails(emails);
    expect(inspections.map((inspection) => inspection.structure)).toEqual([[], []]);
    const summary = summariseCompatibility(inspections.map(({ type, locale, compatibility }) => ({ type, locale, ...compatibility })));
    expect(summary.map((family) => family.family)).toEqual(expect.arrayContaining(['gmail', 'outlook', 'apple-mail', 'yahoo']));
    // The React emails' links carry only the text-decoration shorthand now.
    expect(summary.find((family) => family.family === 'outlook')!.unsupportedFeatures).not.toContain('text-decoration-line');
  });
});
