/** Each pipeline step is a pure function; these pin what each one guarantees. */
import { describe, expect, it } from 'vitest';
import { inlineCss } from '../../src/render/inline-css.ts';
import { lintEmail } from '../../src/render/lint.ts';
import { normaliseHtml } from '../../src/render/normalise.ts';
import { toPlainText } from '../../src/render/plain-text.ts';
import { directionOf } from '../../src/languages.ts';
import { loadLocales, matchLocale, resolveLocale } from '../../src/locales.ts';

describe('1 resolve locale', () => {
  it('matches tags case-insensitively and lists the supported ones otherwise', () => {
    expect(resolveLocale('zh-tw')).toBe('zh-TW');
    expect(() => resolveLocale('xx-YY')).toThrow(/Unknown locale "xx-YY". Supported locales: .*en.*th.*zh-TW/);
  });

  it('matches payload locales Logto-style: exact, then language, then default', () => {
    expect(matchLocale('th', 'en')).toBe('th');
    expect(matchLocale('th-TH', 'en')).toBe('th');
    expect(matchLocale('zh', 'en')).toMatch(/^zh-/);
    expect(matchLocale('xx', 'en')).toBe('en');
    expect(matchLocale(undefined, 'th')).toBe('th');
  });

  it('knows right-to-left languages', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fa-IR')).toBe('rtl');
    expect(directionOf('th')).toBe('ltr');
  });

  it('rejects a locale folder that is not a Logto language tag', async () => {
    const { mkdtemp, mkdir, rm, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'authmail-locales-'));
    for (const tag of ['en', 'not_a_tag']) {
      await mkdir(join(dir, tag));
      await writeFile(join(dir, tag, 'email.json'), '{}');
    }
    try {
      expect(() => loadLocales(dir)).toThrow(/not_a_tag is not a language tag/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('4 inline CSS', () => {
  it('inlines ordinary style blocks and keeps data-embed blocks (dark mode, media queries) in the head', () => {
    const html =
      '<html><head><style>.x{color:red}</style><style data-embed="">@media (prefers-color-scheme: dark){.x{color:white!important}}</style></head><body><p class="x">a</p></body></html>';
    const out = inlineCss(html);
    expect(out).toMatch(/<p class="x" style="color: ?red;?">a<\/p>/);
    expect(out).toContain('prefers-color-scheme: dark');
    expect(out).not.toContain('.x{color:red}');
  });

  it('leaves already-inline HTML byte for byte', () => {
    const html = '<html><head><style data-embed="">@media (max-width:600px){.a{x:y}}</style></head><body><p style="color:red">a</p></body></html>';
    expect(inlineCss(html)).toBe(html);
  });
});

describe('5 normalise', () => {
  it('removes React markers and enforces doctype, lang/dir on html and body, and presentation tables', () => {
    const out = normaliseHtml(
      '<html lang="en" dir="ltr"><head></head><body dir="ltr" lang="en"><!--$--><table><tr><td>a<!-- -->b</td></tr></table><!--/$--></body></html>',
      {
        lang: 'ar',
        dir: 'rtl',
      }
    );
    expect(out.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(out).toMatch(/<html lang="ar" dir="rtl">/);
    expect(out).toMatch(/<body dir="rtl" lang="ar">/);
    expect(out).toContain('<table role="presentation" lang="ar" dir="rtl">');
    expect(out).toContain('ab');
    expect(out).not.toMatch(/<!--[$/ ]/);
  });

  it('keeps Outlook conditional comments', () => {
    expect(normaliseHtml('<html><body><!--[if mso]><i>x</i><![endif]--></body></html>', { lang: 'en', dir: 'ltr' })).toContain('<!--[if mso]>');
  });
});

describe('6 plain text', () => {
  it('keeps links, skips the preheader and images, and never wraps', () => {
    const long = 'word '.repeat(40).trim();
    const text = toPlainText(
      `<body><div data-skip-in-text="true">preheader</div><img src="x.png" alt="Logo"><p>${long}</p><p><a href="https://acme.example/a?b=1&amp;c=2">Accept</a></p><p>{{code}}</p></body>`
    );
    expect(text).not.toContain('preheader');
    expect(text).not.toContain('Logo');
    expect(text).toContain(long);
    expect(text).toContain('Accept [https://acme.example/a?b=1&c=2]');
    expect(text).toContain('{{code}}');
  });
});

describe('7 lint', () => {
  const good = {
    subject: 'Code {{code}}',
    html: '<!DOCTYPE html><html lang="en" dir="ltr"><head><title>Code</title><meta name="color-scheme" content="light dark"></head><body lang="en" dir="ltr"><table role="presentation"><tr><td><img src="https://a/x.png" alt="A">{{code}}<a href="https://a">a</a></td></tr></table></body></html>',
    text: '{{code}}',
    lang: 'en',
    dir: 'ltr' as const,
    allowedRoots: ['code'],
  };
  const rules = (input: Partial<typeof good>) => lintEmail({ ...good, ...input }).map((issue) => issue.rule);

  it('passes a good email', () => {
    expect(lintEmail(good)).toEqual([]);
  });

  it('catches each defect', () => {
    expect(rules({ html: good.html.replace('{{code}}', '{{<!-- -->code<!-- -->}}') })).toContain('placeholder-broken');
    expect(rules({ text: '{{application.name}}' })).toContain('placeholder-root');
    expect(rules({ html: good.html.replace(' alt="A"', '') })).toContain('img-alt');
    expect(rules({ html: good.html.replace('https://a"', 'http://a"') })).toContain('insecure-link');
    expect(rules({ html: good.html.replace('<title>Code</title>', '') })).toContain('title');
    expect(rules({ html: good.html.replace('<body lang="en" dir="ltr">', '<body>') })).toEqual(expect.arrayContaining(['lang', 'dir']));
    expect(rules({ html: good.html.replace('</td>', `${'x'.repeat(103 * 1024)}</td>`) })).toContain('size');
  });
});
