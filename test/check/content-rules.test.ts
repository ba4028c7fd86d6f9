/**
 * The auth-email content rules (render/lint.ts `contentRules`): each fires on a crafted template
 * through the real pipeline, in English and in Thai (the code-email sentences are found by the
 * locale's own translation, not by English text), and each can be switched off in
 * authmail.check.json. The shipped templates passing every rule in every locale is gate.test.ts's
 * and cli.test.ts's shipped-template checks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCheckConfig, loadCheckConfig, parseCheckConfig } from '../../src/check/config.ts';
import { gate } from '../../src/check/gate.ts';
import { renderMatrix, type ModeEmail } from '../../src/compile/render-matrix.ts';
import { loadLocales } from '../../src/locales.ts';
import { contentRuleIds, contentRules, lintEmail, type CodeEmailFacts } from '../../src/render/lint.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { seedProject } from './seed.ts';

const project = seedProject('content-rules');
afterAll(() => project.remove());

/**
 * SignIn without the expiry sentence, the never-share warning or the code (its subject made
 * code-free in the project's en and th), with an http: image and a link to another host.
 */
function craftProject() {
  const { templatesDir, localesDir } = project;
  writeFileSync(
    join(templatesDir, 'sign-in.tsx'),
    `import { Layout } from './components/layout.tsx';
import { Paragraph, Title } from './components/typography.tsx';
export default function CraftedSignIn(ctx) {
  return (
    <Layout ctx={ctx}>
      <Title ctx={ctx}>{ctx.t('SignIn.heading')}</Title>
      <Paragraph ctx={ctx}>{ctx.t('SignIn.intro')} <a href="https://tracker.example/click">details</a></Paragraph>
      <img src="http://cdn.example/banner.png" alt="" width="200" />
    </Layout>
  );
}
`
  );
  for (const [tag, subject] of Object.entries({ en: 'Your sign-in code', th: 'รหัสเข้าสู่ระบบของคุณ' })) {
    mkdirSync(join(localesDir, tag), { recursive: true });
    writeFileSync(join(localesDir, tag, 'email.json'), JSON.stringify({ SignIn: { subject } }));
  }
  return { templatesDir, localesDir };
}

let rendered: ModeEmail[];
beforeAll(async () => {
  const { templatesDir, localesDir } = craftProject();
  const renderer = createRenderer({ templatesDir, catalog: loadLocales(localesDir), allowSampleBrand: true });
  rendered = await renderMatrix(renderer, { types: ['SignIn', 'Register'], locales: ['en', 'th'] }, ['placeholder', 'value']);
});

const rulesOf = (findings: readonly { type: string; locale: string; rule: string; level: string }[], type: string, locale: string) =>
  new Map(findings.filter((f) => f.type === type && f.locale === locale && f.rule in contentRules).map((f) => [f.rule, f.level]));

describe('auth-email content rules', () => {
  it('each fires on the crafted template in every locale, as an error by default, saying why', () => {
    const result = gate({ rendered, emails: 4 }, defaultCheckConfig);
    for (const locale of ['en', 'th']) {
      expect(Object.fromEntries(rulesOf(result.findings, 'SignIn', locale))).toEqual({
        'insecure-image': 'error',
        'code-expiry': 'error',
        'code-never-share': 'error',
        'code-missing': 'error',
        'foreign-link': 'error',
      });
      // Register is a shipped code email: it passes every rule.
      expect(rulesOf(result.findings, 'Register', locale).size).toBe(0);
    }
    const messages = Object.fromEntries(result.findings.filter((f) => f.type === 'SignIn' && f.locale === 'th').map((f) => [f.rule, f.message]));
    expect(messages['insecure-image']).toMatch(/^non-https image: http:\/\/cdn\.example\/banner\.png: an http: image can be swapped/);
    // The Thai sentence it looked for, as the catalog words it for a 10-minute code.
    expect(messages['code-expiry']).toMatch(/^no expiry sentence \(common\.expiry, here "รหัสนี้จะหมดอายุภายใน 10 นาที.*"\): the reader must know/);
    expect(messages['code-never-share']).toMatch(/^no never-share warning \(common\.neverShare, here ".+"\): asking the user to read the code out/);
    expect(messages['code-missing']).toMatch(/^the code \(\{\{code\}\}\) is in neither the subject nor the body: /);
    expect(messages['foreign-link']).toMatch(/^link to tracker\.example, not a host of the brand's URLs \([^)]+\): a code email should lead only/);
    expect(result.failed).toBe(true);
  });

  it.each(contentRuleIds.filter((id) => id !== 'insecure-link'))('%s can be switched off or made a warning in authmail.check.json', async (id) => {
    const file = join(project.dir, `${id}.json`);
    writeFileSync(file, JSON.stringify({ rules: { [id]: 'off' } }));
    const off = gate({ rendered, emails: 4 }, await loadCheckConfig(file, { explicit: true }));
    expect(rulesOf(off.findings, 'SignIn', 'en').has(id)).toBe(false);
    expect(rulesOf(off.findings, 'SignIn', 'en').size).toBe(4); // the others stay on
    const warning = gate({ rendered, emails: 4 }, parseCheckConfig({ rules: { [id]: 'warning' } }, 'x'));
    expect(rulesOf(warning.findings, 'SignIn', 'en').get(id)).toBe('warning');
  });

  it("foreign-link takes the hosts its links may go to besides the brand's; only it takes options", () => {
    const allowed = parseCheckConfig({ rules: { 'foreign-link': { level: 'error', hosts: ['Tracker.example'] } } }, 'x');
    expect(rulesOf(gate({ rendered, emails: 4 }, allowed).findings, 'SignIn', 'en').has('foreign-link')).toBe(false);
    const other = parseCheckConfig({ rules: { 'foreign-link': { hosts: ['status.acme.example'] } } }, 'x');
    expect(rulesOf(gate({ rendered, emails: 4 }, other).findings, 'SignIn', 'en').get('foreign-link')).toBe('error');
    expect(() => parseCheckConfig({ rules: { 'code-expiry': { level: 'off', hosts: ['a.example'] } } }, 'x')).toThrow(
      /rules\.code-expiry: only foreign-link takes options/
    );
    expect(() => parseCheckConfig({ rules: { 'foreign-link': { hosts: ['https://a.example/x'] } } }, 'x')).toThrow(
      /must be a host name such as status\.acme\.com/
    );
  });

  it('insecure-link fires on an http: link and can be switched off', () => {
    const email = rendered.find(({ email }) => email.type === 'Register' && email.locale === 'en')!;
    const html = email.email.html.replace('</body>', '<a href="http://acme.example/help">help</a></body>');
    const insecure = { ...email, email: { ...email.email, html, lint: lintEmail({ ...email.email, html, lang: 'en', dir: 'ltr' }) } };
    expect(rulesOf(gate({ rendered: [insecure], emails: 1 }, defaultCheckConfig).findings, 'Register', 'en').get('insecure-link')).toBe('error');
    const off = parseCheckConfig({ rules: { 'insecure-link': 'off' } }, 'x');
    expect(rulesOf(gate({ rendered: [insecure], emails: 1 }, off).findings, 'Register', 'en').has('insecure-link')).toBe(false);
  });

  it('an unknown rule id is an error naming it and listing the valid ids', () => {
    expect(() => parseCheckConfig({ rules: { 'code-expire': 'off' } }, 'authmail.check.json')).toThrow(
      `Invalid check config authmail.check.json:\n  rules: unknown rule id code-expire (valid: ${contentRuleIds.join(', ')})`
    );
    expect(() => parseCheckConfig({ rules: { 'code-expiry': 'sometimes' } }, 'x')).toThrow(/rules\.code-expiry: /);
  });
});

describe('lint of one email', () => {
  const facts: CodeEmailFacts = { expiry: 'Expires in 10 minutes.', neverShare: 'Never share it.', brandHosts: ['acme.example'] };
  const page = (body: string) => `<html lang="en" dir="ltr"><head><title>t</title></head><body lang="en" dir="ltr">${body}</body></html>`;
  const good = {
    subject: '{{code}} is your code',
    html: page('<p>{{code}}</p><p>Expires in 10 minutes.</p><p>Never share it.</p><a href="https://help.acme.example/x">help</a>'),
    text: '{{code}}\n\nExpires in\n10 minutes.\n\nNever share it.',
    lang: 'en',
    dir: 'ltr' as const,
    codeEmail: facts,
  };
  const rules = (input: Partial<typeof good>) =>
    lintEmail({ ...good, ...input })
      .map((issue) => issue.rule)
      .filter((rule) => rule in contentRules);

  it('passes a complete code email (a wrapped sentence, a subdomain of a brand host)', () => {
    expect(rules({})).toEqual([]);
  });

  it('finds an http: image in src, srcset, background and CSS url()', () => {
    for (const image of [
      '<img src="http://x.example/a.png" alt="">',
      '<img src="https://x.example/a.png" srcset="https://x.example/a.png 1x, http://x.example/b.png 2x" alt="">',
      '<td background="http://x.example/bg.png"></td>',
      '<div style="background-image:url(&quot;http://x.example/bg.png&quot;)"></div>',
    ])
      expect(rules({ html: good.html.replace('</body>', `${image}</body>`) }), image).toContain('insecure-image');
  });

  it('holds only a code email to the code rules', () => {
    expect(rules({ subject: 'Hi', html: page('<a href="https://else.example">x</a>'), text: 'Hi', codeEmail: undefined })).toEqual([]);
    expect(rules({ text: '{{code}}' })).toEqual(['code-expiry', 'code-never-share']);
    expect(rules({ subject: 'Hi', html: page('<p>Expires in 10 minutes.</p>'), text: 'Expires in 10 minutes. Never share it.' })).toEqual(['code-missing']);
    expect(rules({ html: good.html.replace('https://help.acme.example/x', 'https://acme.example.evil.test/x') })).toEqual(['foreign-link']);
    expect(rules({ html: good.html.replace('https://help.acme.example/x', 'mailto:help@else.example') })).toEqual([]);
  });
});
