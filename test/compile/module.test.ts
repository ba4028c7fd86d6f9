/**
 * The compiled module `authmail build` writes (src/compile/module.ts), for a small hand-made
 * build: its files and declarations, that its runtime is authmail's own fill (one source), how it
 * fills (Logto's substitution, authmail's escaping) and how it picks a template (Logto's locale
 * lookup and Generic fallback). The generated files are loaded as they are written, ESM and
 * CommonJS, from a temporary folder; test/compile/module-import.test.ts does the same from a real
 * build in plain Node processes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { replaceSendMessageHandlebars } from '@logto/connector-kit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFiles } from '../../src/compile/files.ts';
import { compiledModuleFiles, moduleFiles, piecesOf, runtimeStatements } from '../../src/compile/module.ts';
import * as authmail from '../../src/index.ts';
import * as runtime from '../../src/render/fill-runtime.js';
import { renderAll } from '../../src/compile/render-all.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { fillEmail, stripHeaderBreaks } from '../../src/render/placeholders.ts';
import type { RenderedEmail } from '../../src/render/types.ts';
import { placeholderRoots, usageTypeNames, usageTypes, type UsageType } from '../../src/schema/usage-types.ts';
import type { TargetContext } from '../../src/targets/types.ts';
import { logtoPayload, placeholderText } from '../helpers/logto-placeholders.ts';
import { brandWith, contextFor, fakeEmail, fakeEmails } from '../targets/fixtures.ts';

interface Template {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  placeholders: readonly string[];
}
interface Filled {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}
interface CompiledModule {
  templates: Record<string, Record<string, Template>>;
  types: readonly string[];
  locales: readonly string[];
  defaultLocale: string;
  render(type: string, locale: string | undefined, payload: object): Filled & { type: string; locale: string };
  fill(template: Template, payload: object): Filled;
}

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** The module's files for these emails, written to a fresh folder: path → content, and the folder. */
function write(emails: RenderedEmail[], context: TargetContext) {
  const dir = mkdtempSync(join(tmpdir(), 'authmail-module-'));
  folders.push(dir);
  const files = new Map(compiledModuleFiles(emails, context));
  for (const [path, content] of files) writeFileSync(join(dir, path), content);
  return { dir, files };
}

/** Both builds of the module for these emails, loaded as written. */
async function load(emails: RenderedEmail[], context: TargetContext): Promise<{ esm: CompiledModule; cjs: CompiledModule }> {
  const { dir } = write(emails, context);
  const esm = (await import(pathToFileURL(join(dir, moduleFiles.esm)).href)) as CompiledModule;
  const cjs = createRequire(join(dir, 'x.cjs'))(`./${moduleFiles.cjs}`) as CompiledModule;
  return { esm, cjs };
}

/** Templates that use every kind of placeholder Logto fills. */
const richEmail = (type: UsageType, locale: string) =>
  fakeEmail(type, locale, {
    subject: `[${locale}] {{ code }} for {{application.name}}`,
    preheader: `{{ user.name }} {{organization.name}}`,
    html: `<p title="{{application.name}}">${type} ${locale}: {{code}} {{organization.name}} {{user.name}}|{{ user.missing.deeper }}|</p>`,
    text: `${type} ${locale}: {{code}} {{application.name}} {{organization.name}} {{user.name}}`,
    placeholders: ['code', 'application.name', 'user.name', 'organization.name', 'user.missing.deeper'],
  });

const small = () => {
  const context = contextFor({ locales: ['en', 'th'] });
  const emails = ['en', 'th'].flatMap((locale) => (['SignIn', 'Generic'] as const).map((type) => richEmail(type, locale)));
  return { emails, context };
};

const loadSmall = () => {
  const { emails, context } = small();
  return load(emails, context);
};

describe('the files', () => {
  it('are index.mjs, index.cjs and a declaration file for each way TypeScript resolves them, in every build', () => {
    const { emails, context } = small();
    expect([...write(emails, context).files.keys()]).toEqual(['index.mjs', 'index.cjs', 'index.d.ts', 'index.d.mts', 'index.d.cts']);
    const built = [...buildFiles(fakeEmails(), contextFor()).keys()];
    expect(built).toEqual(expect.arrayContaining(Object.values(moduleFiles)));
  });

  it('declare the exact unions of the built types and locales, the default locale, and the API', () => {
    const { emails, context } = small();
    const { files } = write(emails, context);
    const types = files.get('index.d.ts')!;
    expect(types).toContain('export type TemplateType = "SignIn" | "Generic";');
    expect(types).toContain('export type Locale = "en" | "th";');
    expect(types).toContain('export declare const defaultLocale: "en";');
    expect(types).toContain('export declare const templates: { readonly [T in TemplateType]: { readonly [L in Locale]: CompiledTemplate } };');
    expect(types).toContain('export declare function render(type: TemplateType, locale: Locale | undefined, payload: Payload): RenderedEmail;');
    expect(types).toContain('export declare function fill(template: CompiledTemplate, payload: Payload): FilledEmail;');
    expect(files.get('index.d.mts')).toBe(types);
    expect(files.get('index.d.cts')).toBe(types);
  });

  it('import nothing, and carry authmail’s own fill (src/render/fill-runtime.js) as their runtime', () => {
    const { emails, context } = small();
    const { files } = write(emails, context);
    const statements = runtimeStatements();
    expect(statements).toContain('function fillEmail(compiled, payload)');
    for (const name of [moduleFiles.esm, moduleFiles.cjs]) {
      const code = files.get(name)!;
      expect(code, name).not.toMatch(/^\s*import\b|\bimport\(|\brequire\(/m);
      expect(code, name).toContain(statements);
    }
    expect(files.get(moduleFiles.esm)).toMatch(/\nexport \{ templates, types, locales, defaultLocale, render, fill \};\n$/);
    expect(files.get(moduleFiles.cjs)).toMatch(/^(\/\/.*\n)+'use strict';\n/);
    // No module-level mutable state: the runtime declares only constants that hold functions,
    // regexes' factories and literals, never a cache (`new Map`, `new WeakMap`…) or a `let`.
    expect(statements).not.toMatch(/^(?:let|var)\b/m);
    expect(statements).not.toMatch(/^const \w+\s*=\s*new\b/m);
    // authmail's fill is the runtime's: the same functions, not a copy.
    expect(fillEmail).toBe(runtime.fillEmail);
    expect(authmail.fillEmail).toBe(runtime.fillEmail);
    expect(authmail.fillPlaceholders).toBe(runtime.fillPlaceholders);
    expect(authmail.escapeHtml).toBe(runtime.escapeHtml);
  });

  it('are the same for the same build (no date or path in them)', () => {
    const { emails, context } = small();
    expect(compiledModuleFiles(emails, context)).toEqual(compiledModuleFiles(emails, context));
    // The folder it is written to is never given to it; where authmail (and its runtime file) lives is what could leak in.
    const repository = fileURLToPath(new URL('../..', import.meta.url));
    for (const [name, content] of compiledModuleFiles(emails, context)) expect(content, name).not.toContain(repository.replace(/\/$/, ''));
  });

  it('refuse a runtime that imports something or exports otherwise, and a build missing a type in a locale', () => {
    expect(() => runtimeStatements("import { x } from 'y';\nexport function f() {}\n")).toThrow(/must import nothing/);
    expect(() => runtimeStatements('const x = require("y");\n')).toThrow(/must import nothing/);
    expect(() => runtimeStatements('function f() {}\nexport { f };\n')).toThrow(/"export function" or "export const"/);
    expect(runtimeStatements('// @ts-check\nexport function f() {}\nexport const g = 1;\n')).toBe('function f() {}\nconst g = 1;');
    const { emails, context } = small();
    expect(() => compiledModuleFiles(emails.slice(1), context)).toThrow('compiled module: the build has no SignIn (en); every type is built in every locale');
  });
});

describe('templates, render and fill (ESM and CommonJS alike)', () => {
  const payload = {
    code: '<b>"12"</b>\r\nBcc: evil@example.com',
    locale: 'th',
    application: { id: 'app', name: `Tom & Jerry's <app>` },
    user: { name: null },
  };

  it('templates[type][locale] holds the compiled parts, frozen; types, locales and defaultLocale as built', async () => {
    const { emails, context } = small();
    for (const module of Object.values(await load(emails, context))) {
      const th = emails.find((email) => email.type === 'SignIn' && email.locale === 'th')!;
      const { subject, preheader, html, text, placeholders } = th;
      expect(module.templates.SignIn!.th).toEqual({ subject, preheader, html, text, placeholders });
      expect(Object.isFrozen(module.templates) && Object.isFrozen(module.templates.SignIn!.th!.placeholders)).toBe(true);
      expect(() => {
        (module.templates.SignIn!.th as { subject: string }).subject = 'changed';
      }).toThrow(TypeError);
      expect(module.types).toEqual(['SignIn', 'Generic']);
      expect(module.locales).toEqual(['en', 'th']);
      expect(module.defaultLocale).toBe('en');
    }
  });

  it('render fills as value mode does: escaped in the HTML, CR/LF-free subject, nested paths, missing roots literal, null leaves empty', async () => {
    const { emails, context } = small();
    const th = emails.find((email) => email.type === 'SignIn' && email.locale === 'th')!;
    const expected = fillEmail(th, payload);
    for (const module of Object.values(await load(emails, context))) {
      const rendered = module.render('SignIn', 'th', payload);
      expect(rendered).toEqual({
        type: 'SignIn',
        locale: 'th',
        subject: expected.subject,
        preheader: expected.preheader,
        html: expected.html,
        text: expected.text,
      });
      expect(rendered.subject).toBe(`[th] <b>"12"</b> Bcc: evil@example.com for Tom & Jerry's <app>`);
      expect(rendered.preheader).toBe(' {{organization.name}}');
      expect(rendered.html).toBe(
        '<p title="Tom &amp; Jerry&#x27;s &lt;app&gt;">SignIn th: &lt;b&gt;&quot;12&quot;&lt;/b&gt;\r\nBcc: evil@example.com {{organization.name}} ||</p>'
      );
      expect(rendered.text).toBe(`SignIn th: ${payload.code} Tom & Jerry's <app> {{organization.name}} `);
      expect(module.fill(module.templates.SignIn!.th!, payload)).toEqual({
        subject: rendered.subject,
        preheader: rendered.preheader,
        html: rendered.html,
        text: rendered.text,
      });
    }
  });

  it('fill substitutes exactly as Logto’s replaceSendMessageHandlebars does (the text part), stripping breaks from the subject', async () => {
    const { esm } = await loadSmall();
    fc.assert(
      fc.property(placeholderText, logtoPayload, (source, given) => {
        const filled = esm.fill({ subject: source, preheader: source, html: source, text: source, placeholders: [] }, given);
        const logto = replaceSendMessageHandlebars(source, given);
        expect(filled.text).toBe(logto);
        expect(filled.subject).toBe(stripHeaderBreaks(logto));
      }),
      { numRuns: 500 }
    );
  });

  it('refuse what is not a template or a payload, naming what to pass', async () => {
    const { esm, cjs } = await loadSmall();
    for (const module of [esm, cjs]) {
      expect(() => module.render('SignIn', 'th', null as never)).toThrow('render: payload must be an object');
      expect(() => module.render(42 as never, 'th', {})).toThrow('render: type must be a string, one of SignIn, Generic');
      expect(() => module.fill({ subject: 'x' } as never, {})).toThrow('fill: template must be one of templates[type][locale]');
      expect(() => module.fill(module.templates.Generic!.en!, 'code' as never)).toThrow('fill: payload must be an object');
    }
  });
});

describe('the string table: each piece once, a template joined on first read', () => {
  /** A chunk table that records which pieces were read: the runtime reads it only through `chunks[n]`. */
  const observed = (chunks: string[]) => {
    const read: number[] = [];
    const table = new Proxy(chunks, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) read.push(Number(key));
        return Reflect.get(target, key, receiver);
      },
    });
    return { table, read };
  };

  it('templatesFromTable reads no piece until a template is read, then only its own pieces, once; the template is frozen', () => {
    const { table, read } = observed(['<p>', 'Hello ', '{{code}}', '</p>', 'Hola ', 'Subject ']);
    const { templates, fillOf } = runtime.templatesFromTable(table, {
      SignIn: { en: ['5 2', '', '0 1 2 3', '1 2', ['code']], es: ['5 2', '', '0 4 2 3', '4 2', ['code']] },
      Generic: { en: ['5', '1', '0 1 3', '1', []] },
    });
    expect(Object.keys(templates)).toEqual(['SignIn', 'Generic']);
    expect(Object.keys(templates.SignIn!)).toEqual(['en', 'es']);
    expect(Object.isFrozen(templates) && Object.isFrozen(templates.SignIn)).toBe(true);
    expect(read).toEqual([]); // nothing joined at import
    const es = templates.SignIn!.es!;
    expect(es).toEqual({ subject: 'Subject {{code}}', preheader: '', html: '<p>Hola {{code}}</p>', text: 'Hola {{code}}', placeholders: ['code'] });
    expect(read.sort()).toEqual([0, 2, 2, 2, 3, 4, 4, 5]);
    expect(templates.SignIn!.es).toBe(es); // kept: a second read joins nothing
    expect(read).toHaveLength(8);
    expect(Object.isFrozen(es) && Object.isFrozen(es.placeholders)).toBe(true);
    expect(() => {
      (templates.SignIn as Record<string, unknown>).es = {};
    }).toThrow(TypeError);
    // Its fill is scanned once and kept with it; filling reads no piece again.
    const fill = fillOf(es);
    expect(fillOf(es)).toBe(fill);
    expect(fill({ code: '<1>' })).toMatchObject({ subject: 'Subject <1>', html: '<p>Hola &lt;1&gt;</p>', text: 'Hola <1>' });
    expect(read).toHaveLength(8);
    // Any other object is scanned anew, so a changed one fills as it now is.
    const own = { ...es };
    expect(fillOf(own)).not.toBe(fillOf(own));
    own.html = '<b>{{code}}</b>';
    expect(fillOf(own)({ code: '2' }).html).toBe('<b>2</b>');
  });

  it('cuts a part before each tag and after it, never at a > in text or CSS, and the pieces join back into it', () => {
    expect(piecesOf('<p class="a">Hi {{code}}</p>')).toEqual(['<p class="a">', 'Hi {{code}}', '</p>']);
    expect(piecesOf('a > b <i>c</i> d >')).toEqual(['a > b ', '<i>', 'c', '</i>', ' d >']);
    expect(piecesOf('<style>td > a { color: red }</style>')).toEqual(['<style>', 'td > a { color: red }', '</style>']);
    expect(piecesOf('x << y <b>')).toEqual(['x ', '<', '< y ', '<b>']);
    expect(piecesOf('')).toEqual([]);
    // The same cuts as the split it replaced, over any mix of the characters that matter.
    const split = (part: string) => part.split(/(?<=<[^<>]*>)|(?=<)/).filter(Boolean);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('<', '>', 'a', ' ', '"', '{{code}}', '\n')).map((bits) => bits.join('')),
        (part) => {
          expect(piecesOf(part)).toEqual(split(part));
          expect(piecesOf(part).join('')).toBe(part);
        }
      ),
      { numRuns: 2000 }
    );
  });

  it('the generated module holds each piece once and reads as the templates it was built from', async () => {
    const { emails, context } = small();
    const { files } = write(emails, context);
    const code = files.get(moduleFiles.esm)!;
    // Every template's html opens with this tag; the module holds it once.
    expect(code.split(JSON.stringify('<p title="{{application.name}}">')).length - 1).toBe(1);
    const { esm } = await load(emails, context);
    expect(Object.getOwnPropertyDescriptor(esm.templates.SignIn, 'th')?.get).toBeTypeOf('function');
    expect(JSON.parse(JSON.stringify(esm.templates))).toEqual(
      Object.fromEntries(
        ['SignIn', 'Generic'].map((type) => [
          type,
          Object.fromEntries(
            emails
              .filter((email) => email.type === type)
              .map(({ locale, subject, preheader, html, text, placeholders }) => [locale, { subject, preheader, html, text, placeholders }])
          ),
        ])
      )
    );
  });
});

describe('which template render picks: Logto’s getI18nEmailTemplate', () => {
  const picked = (module: CompiledModule, type: string, locale: string | undefined) => {
    const { type: usedType, locale: usedLocale, subject } = module.render(type, locale, { code: '1' });
    return `${usedType} ${usedLocale} ${subject}`;
  };

  it('the type in the exact locale tag, else in the default locale; a tag differing in case or region is not the same tag', async () => {
    const { esm } = await load(fakeEmails(['en', 'th', 'zh-TW'], ['SignIn', 'Generic']), contextFor());
    expect(picked(esm, 'SignIn', 'th')).toBe('SignIn th [th] SignIn 1');
    expect(picked(esm, 'SignIn', 'zh-TW')).toBe('SignIn zh-TW [zh-TW] SignIn 1');
    expect(picked(esm, 'SignIn', undefined)).toBe('SignIn en [en] SignIn 1'); // the Management API sends no locale
    expect(picked(esm, 'SignIn', '')).toBe('SignIn en [en] SignIn 1');
    expect(picked(esm, 'SignIn', 'fr')).toBe('SignIn en [en] SignIn 1'); // not built
    expect(picked(esm, 'SignIn', 'TH')).toBe('SignIn en [en] SignIn 1'); // Logto's lookup is an exact match
    expect(picked(esm, 'SignIn', 'th-TH')).toBe('SignIn en [en] SignIn 1');
    expect(picked(esm, 'SignIn', 'toString')).toBe('SignIn en [en] SignIn 1');
  });

  it('falls back to the default locale of the build, whatever it is', async () => {
    const { cjs } = await load(fakeEmails(['en', 'th'], ['SignIn', 'Generic']), contextFor({ locales: ['en', 'th'], defaultLocale: 'th' }));
    expect(cjs.defaultLocale).toBe('th');
    expect(picked(cjs, 'SignIn', 'fr')).toBe('SignIn th [th] SignIn 1');
    expect(picked(cjs, 'SignIn', 'en')).toBe('SignIn en [en] SignIn 1');
  });

  it('a type the build does not hold falls back to Generic in the default locale, never in the asked locale', async () => {
    const { esm, cjs } = await load(fakeEmails(['en', 'th'], ['SignIn', 'Generic']), contextFor({ locales: ['en', 'th'] }));
    for (const module of [esm, cjs]) {
      expect(picked(module, 'OrganizationInvitation', 'th')).toBe('Generic en [en] Generic 1');
      expect(picked(module, 'SomeFutureType', undefined)).toBe('Generic en [en] Generic 1');
      expect(picked(module, '__proto__', 'th')).toBe('Generic en [en] Generic 1');
      expect(picked(module, 'constructor', 'th')).toBe('Generic en [en] Generic 1');
    }
  });

  it('without Generic in the build, a type it does not hold is refused with the types it holds', async () => {
    const { esm } = await load(fakeEmails(['en', 'th'], ['SignIn', 'Register']), contextFor({ locales: ['en', 'th'] }));
    expect(() => esm.render('BindMfa', 'th', { code: '1' })).toThrow(
      'render: no template for "BindMfa" in "th", and no Generic template in en to fall back to. This build holds SignIn, Register; build Generic too, or pass one of these types.'
    );
  });

  it('selectTemplate, the lookup itself, follows the same three steps', () => {
    const templates = { SignIn: { en: 'signin-en', th: 'signin-th' }, Generic: { en: 'generic-en', th: 'generic-th' } };
    expect(runtime.selectTemplate(templates, 'en', 'SignIn', 'th')?.template).toBe('signin-th');
    expect(runtime.selectTemplate(templates, 'en', 'SignIn', 'ar')?.template).toBe('signin-en');
    expect(runtime.selectTemplate(templates, 'en', 'BindMfa', 'th')?.template).toBe('generic-en');
    expect(runtime.selectTemplate({ SignIn: { th: 'signin-th' } }, 'en', 'SignIn', 'ar')).toBeUndefined();
  });
});

describe('a real build', () => {
  it('renders every type as value mode does, byte for byte, for the payload Logto always sends (en, th, ar)', async () => {
    const renderer = createRenderer({ brand: brandWith() });
    const locales = ['en', 'th', 'ar'];
    const emails = await renderAll(renderer, { types: usageTypeNames, locales });
    const { esm } = await load(emails, contextFor({ locales }));
    for (const { type, sample } of usageTypes) {
      // The sample, cut to the roots a connector template may use (and the locale, which Logto sends too).
      const roots = new Set([...placeholderRoots(type), 'locale']);
      const payload = Object.fromEntries(Object.entries(sample).filter(([root]) => roots.has(root)));
      for (const locale of locales) {
        const value = await renderer.render(type, { locale, mode: 'value', variables: { ...payload, ...('locale' in payload ? { locale } : {}) } });
        const rendered = esm.render(type, locale as never, { ...payload, ...('locale' in payload ? { locale } : {}) });
        const where = `${type} (${locale})`;
        expect(rendered.subject, where).toBe(value.subject);
        expect(rendered.preheader, where).toBe(value.preheader);
        expect(rendered.html, where).toBe(value.html);
        expect(rendered.text, where).toBe(value.text);
        expect(rendered.html, where).not.toMatch(/{{\s*[\w.]+\s*}}/);
      }
    }
  });
});
