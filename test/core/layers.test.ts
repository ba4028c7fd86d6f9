/**
 * Overrides in layers, as a user's project has them (a temporary folder, never this tree): a
 * templates folder holding only `sign-in.tsx`, and a locales folder that changes one shipped key,
 * adds `globex.banner` and adds a whole language (nl, which Logto knows and authmail does not ship).
 * Everything the project does not override comes from the shipped layer.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTranslationProblems, reviewTranslations } from '../../src/i18n/translations.ts';
import { defaultLocalesDir, flattenMessages, loadLocales } from '../../src/locales.ts';
import { createRegistry, defaultTemplatesDir, templateFileNames, templateFor } from '../../src/registry.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { templateDependencies } from '../../src/render/template-deps.ts';
import { createTranslator } from '../../src/render/translate.ts';
import { usageTypeNames } from '../../src/schema/usage-types.ts';
import { main } from '../../src/cli/main.ts';
import { captureIo } from '../helpers/io.ts';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'bin/authmail.js');
const run = promisify(execFile);

/** The shipped SignIn with a marked intro that also shows the project's own key. */
const signIn = (marker: string) => `// @jsxRuntime automatic
import { CodeEmail, introFor } from 'authmail/components';

export default function GlobexSignIn(ctx) {
  return <CodeEmail ctx={ctx} intro={\`${marker} \${ctx.t('globex.banner')} \${introFor(ctx)}\`} />;
}
`;

let base: string;
let project: string;
let templatesDir: string;
let localesDir: string;

const writeJson = (file: string, value: unknown) => writeFile(file, JSON.stringify(value, null, 2));

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'authmail-layers-'));
  project = join(base, 'globex');
  templatesDir = join(project, 'emails/templates');
  localesDir = join(project, 'emails/locales');
  await mkdir(templatesDir, { recursive: true });
  await writeFile(join(project, 'package.json'), '{ "private": true, "type": "module" }\n');
  // The template's JSX runtime (react) resolves from the project, as in a user's repository, and
  // authmail from the folder above it (Node walks up), as if installed.
  await symlink(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  await mkdir(join(base, 'node_modules'));
  await symlink(root, join(base, 'node_modules/authmail'), 'dir');
  await writeFile(join(templatesDir, 'sign-in.tsx'), signIn('Globex override'));
  for (const tag of ['en', 'th', 'nl']) await mkdir(join(localesDir, tag), { recursive: true });
  await writeJson(join(localesDir, 'en/email.json'), { globex: { banner: 'Globex Research.' } });
  await writeJson(join(localesDir, 'th/email.json'), { Register: { heading: 'ยินดีต้อนรับสู่ Globex' }, globex: { banner: 'โกลเบ็กซ์ รีเสิร์ช' } });
  await writeJson(join(localesDir, 'nl/email.json'), {
    SignIn: { subject: '{{code}} is je inlogcode voor {{brandName}}', heading: 'Log in op je account' },
    globex: { banner: 'Globex Onderzoek.' },
  });
});

afterAll(() => rm(base, { recursive: true, force: true }));

describe('template layers', () => {
  it('takes the project file for SignIn and the shipped file for every other type', () => {
    const registry = createRegistry(templatesDir);
    const signInSources = templateFor('SignIn', registry).sources;
    expect(signInSources).toEqual([{ engine: 'react', file: join(templatesDir, 'sign-in.tsx'), layer: 'project' }]);
    for (const type of usageTypeNames.filter((name) => name !== 'SignIn')) {
      for (const source of templateFor(type, registry).sources) {
        expect(source.layer).toBe('shipped');
        expect(source.file.startsWith(defaultTemplatesDir)).toBe(true);
      }
    }
    // No project folder, or the shipped folder itself: everything is shipped.
    expect(
      createRegistry()
        .flatMap((entry) => entry.sources)
        .every((source) => source.layer === 'shipped')
    ).toBe(true);
    expect(
      createRegistry(defaultTemplatesDir)
        .flatMap((entry) => entry.sources)
        .every((source) => source.layer === 'shipped')
    ).toBe(true);
  });

  it("makes a project file its type's default and keeps the shipped file of the other engine as the alternate", async () => {
    const dir = join(base, 'invite-tsx');
    await mkdir(dir);
    await writeFile(join(dir, 'invite.tsx'), '');
    expect(templateFor('OrganizationInvitation', createRegistry(dir)).sources).toEqual([
      { engine: 'react', file: join(dir, 'invite.tsx'), layer: 'project' },
      { engine: 'mjml', file: join(defaultTemplatesDir, 'invite.mjml'), layer: 'shipped' },
    ]);
  });

  it('rejects a template file name no usage type has, naming it and listing the valid names', async () => {
    for (const typo of ['sigin.tsx', 'sign-in.jsx']) {
      const dir = await mkdtemp(join(base, 'typo-'));
      await writeFile(join(dir, typo), '');
      await writeFile(join(dir, 'README.md'), 'not a template: ignored');
      await mkdir(join(dir, 'components')); // shared modules and partials: allowed
      const error = (() => {
        try {
          createRegistry(dir);
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error?.message).toContain(join(dir, typo));
      expect(error?.message).toContain(`Template file names: ${templateFileNames.join(', ')}.`);
      expect(error?.message).toContain('sign-in.tsx');
    }
  });

  it('names a missing templates or locales folder', () => {
    const missing = join(base, 'no-such-folder');
    expect(() => createRegistry(missing)).toThrow(`Templates folder not found: ${missing}`);
    expect(() => loadLocales(missing)).toThrow(`Locales folder not found: ${missing}`);
  });

  it('renders a project .mjml override with the shipped partials', async () => {
    const dir = join(base, 'mjml');
    await mkdir(dir);
    const shippedSource = await readFile(join(defaultTemplatesDir, 'invite.mjml'), 'utf8');
    const heading = '[[t.OrganizationInvitation.heading]]';
    expect(shippedSource).toContain(heading);
    await writeFile(join(dir, 'invite.mjml'), shippedSource.replace(heading, `Globex: ${heading}`));

    const layered = await createRenderer({ templatesDir: dir }).render('OrganizationInvitation', { locale: 'en', engine: 'mjml' });
    const shipped = await createRenderer().render('OrganizationInvitation', { locale: 'en', engine: 'mjml' });
    expect(layered.html).toContain('Globex: ');
    // Header, footer and head partials included as shipped: the only difference is the edit.
    expect(layered.html.replace('Globex: ', '')).toBe(shipped.html);
    // The build cache keys the override by the shipped partials it includes.
    expect(templateDependencies(join(dir, 'invite.mjml'))).toEqual([
      join(dir, 'invite.mjml'),
      ...['footer', 'head', 'header', 'preheader'].map((name) => join(defaultTemplatesDir, 'components', `${name}.mjml`)),
    ]);
  });
});

describe('locale layers', () => {
  it('merges the project files key by key over the shipped catalog and adds new languages', () => {
    const catalog = loadLocales(localesDir);
    const shipped = loadLocales();
    expect([...catalog.keys()]).toEqual([...shipped.keys(), 'nl'].sort());
    const en = flattenMessages(catalog.get('en')!);
    expect(en.get('globex.banner')).toBe('Globex Research.');
    expect(en.size).toBe(flattenMessages(shipped.get('en')!).size + 1);
    const th = flattenMessages(catalog.get('th')!);
    const shippedTh = flattenMessages(shipped.get('th')!);
    expect(th.get('Register.heading')).toBe('ยินดีต้อนรับสู่ Globex');
    expect(th.get('Register.subject')).toBe(shippedTh.get('Register.subject')); // a sibling key stays shipped
    expect(flattenMessages(catalog.get('nl')!).get('SignIn.heading')).toBe('Log in op je account');
    // A locale the project does not touch keeps the shipped messages.
    expect(catalog.get('fr')).toEqual(shipped.get('fr'));
  });

  it('reviews the merged result: the new key is known in every language, the new language reports its missing keys', () => {
    const catalog = loadLocales(localesDir);
    const [en, th, nl] = reviewTranslations(catalog, { locales: ['en', 'th', 'nl'] });
    expect(hasTranslationProblems(en!)).toBe(false);
    expect(hasTranslationProblems(th!)).toBe(false); // globex.banner is in en's project layer: not "extra"
    // Plural forms (`common.expiry_one`…) are held to each language's own forms, reported apart.
    const form = /_(zero|one|two|few|many|other)$/;
    const english = [...flattenMessages(catalog.get('en')!).keys()].filter((key) => !form.test(key));
    expect(nl!.missing).toEqual(english.filter((key) => !['SignIn.subject', 'SignIn.heading', 'globex.banner'].includes(key)));
    expect(nl!.extra).toEqual([]);
    // Per key: nl's own strings, English for the rest.
    const t = createTranslator(catalog, 'nl');
    expect(t.t('globex.banner')).toBe('Globex Onderzoek.');
    expect(t.t('SignIn.intro')).toBe(flattenMessages(catalog.get('en')!).get('SignIn.intro'));
    expect(t.missingKeys.filter((key) => !form.test(key))).toEqual(nl!.missing);
  });

  it('still refuses a key in no English layer', async () => {
    const dir = join(base, 'th-only');
    await mkdir(join(dir, 'th'), { recursive: true });
    await writeJson(join(dir, 'th/email.json'), { globex: { thOnly: 'เฉพาะภาษาไทย' } });
    const catalog = loadLocales(dir);
    expect(reviewTranslations(catalog, { locales: ['th'] })[0]!.extra).toEqual(['globex.thOnly']);
    expect(() => createTranslator(catalog, 'th').t('globex.thOnly')).toThrow(/Unknown translation key "globex.thOnly" \(not in en\/email.json/);
  });

  it('rejects a language tag Logto does not know, naming it', async () => {
    const dir = join(base, 'bad-tag');
    await mkdir(join(dir, 'xx-YY'), { recursive: true });
    await writeJson(join(dir, 'xx-YY/email.json'), {});
    expect(() => loadLocales(dir)).toThrow(`${dir}: the folder xx-YY is not a language tag Logto knows`);
  });

  it('authmail translations reports the merged result', async () => {
    const io = captureIo();
    expect(await main(['node', 'authmail', 'translations', '--locales-dir', localesDir], io)).toBe(1);
    const output = io.stdout.join('\n');
    expect(output).toMatch(/^th\s+100%\s+-\s+-/m);
    expect(output).toMatch(/^nl\s+\d+(\.\d)?%\s+\d+\s+-/m);
    expect(output).toContain('nl SignIn.intro: missing (English is shown instead)');
    expect(output).not.toContain('globex.banner: not in en');
    // A shipped language the project does not translate its new key into sends English for it: said so.
    expect(output).toContain('fr globex.banner: missing (English is shown instead)');
    expect(output).not.toMatch(/^ {2}th /m);
    // The languages the project sends: en and th are clean.
    const sent = captureIo();
    expect(await main(['node', 'authmail', 'translations', '--locales-dir', localesDir, '--locales', 'en,th'], sent)).toBe(0);
    expect(sent.stdout.join('\n')).toContain('2 locale(s) checked');
  });
});

describe('authmail build with a project layer', () => {
  const out = () => join(project, 'out');

  it("loads a CommonJS package's templates and config as ES modules; its own .js stays CommonJS", async () => {
    const commonJs = join(base, 'commonjs');
    await mkdir(join(commonJs, 'emails/parts'), { recursive: true });
    // What `npm init -y` writes with npm 11, and a team's own CommonJS code beside it.
    await writeFile(join(commonJs, 'package.json'), '{ "name": "team-app", "type": "commonjs" }\n');
    await symlink(join(root, 'node_modules'), join(commonJs, 'node_modules'), 'dir');
    await writeFile(join(commonJs, 'legacy.js'), "module.exports = { word: 'from-require-land' };\n");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a source file, whose own template literal is meant
    await writeFile(join(commonJs, 'emails/parts/banner.ts'), 'export const banner: string = `ESM ${typeof import.meta.url}`;\n');
    await writeFile(
      join(commonJs, 'emails/sign-in.tsx'),
      `// @jsxRuntime automatic
import type { TemplateContext } from 'authmail';
import { CodeEmail, introFor } from 'authmail/components';
import legacy from '../legacy.js';
import { banner } from './parts/banner';

export default function SignIn(ctx: TemplateContext<'SignIn'>) {
  return <CodeEmail ctx={ctx} intro={\`CommonJS \${banner} \${legacy.word} \${introFor(ctx)}\`} />;
}
`
    );
    await writeFile(
      join(commonJs, 'authmail.config.ts'),
      "import { defineConfig } from 'authmail';\nconst dir: string = 'emails';\nexport default defineConfig({ templatesDir: dir });\n"
    );
    const { stdout } = await run(process.execPath, [cli, 'render', 'sign-in', '--format', 'text'], { cwd: commonJs });
    expect(stdout).toContain('CommonJS ESM string from-require-land');
  });

  it('uses the override for SignIn, the shipped templates for the rest, and says which layer each came from', async () => {
    const { stdout } = await run(
      process.execPath,
      [cli, 'build', '--out', out(), '--locales', 'en,th,nl', '--templates-dir', templatesDir, '--locales-dir', localesDir],
      { cwd: project }
    );
    expect(stdout).toMatch(/type\s+locale\s+template\s+subject/);
    expect(stdout).toMatch(/^SignIn\s+nl\s+project\s+\{\{code\}\} is je inlogcode/m);
    for (const type of usageTypeNames.filter((name) => name !== 'SignIn')) expect(stdout).toMatch(new RegExp(`^${type}\\s+en\\s+shipped\\s`, 'm'));
    expect(stdout).toMatch(/Built 27 emails \(9 types × 3 locales: 1 from your templates, 8 shipped; 27 rendered, 0 from cache\)/);

    const html = (path: string) => readFile(join(out(), 'emails', path), 'utf8');
    expect(await html('en/SignIn.html')).toContain('Globex override Globex Research. Enter the code below to sign in.');
    expect(await html('th/SignIn.html')).toContain('Globex override โกลเบ็กซ์ รีเสิร์ช');
    expect(await html('th/Register.html')).toContain('ยินดีต้อนรับสู่ Globex');
    // The other types are exactly the shipped templates' output.
    const shipped = createRenderer();
    for (const type of usageTypeNames.filter((name) => name !== 'SignIn')) {
      expect(await html(`en/${type}.html`)).toBe((await shipped.render(type, { locale: 'en', mode: 'placeholder' })).html);
    }
    // nl's untranslated keys: one warning per key an email shows, naming the types, not one per email.
    expect(stdout).toMatch(/warning translations \(nl\) missing-translation: "SignIn.intro" is not translated; English is shown \(used by SignIn\)/);
    expect(stdout).toMatch(
      /warning translations \(nl\) missing-translation: "common.neverShare" is not translated; English is shown \(used by Register, SignIn, /
    );
    expect(stdout.match(/"common.neverShare" is not translated/g)).toHaveLength(1);
    expect(stdout).not.toMatch(/\((en|th)\) missing-translation/);
  });

  it('build --watch sees a change to the project template and locale files', async () => {
    const child = spawn(
      process.execPath,
      [cli, 'build', '--watch', '--locales', 'en', '--out', join(project, 'out-watch'), '--templates-dir', templatesDir, '--locales-dir', localesDir],
      {
        cwd: project,
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    );
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const builds = () => stdout.split('\n').filter((line) => line.startsWith('Built '));
    const waitFor = async (check: () => boolean, what: string) => {
      const deadline = Date.now() + 60_000;
      while (!check()) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`timed out waiting for ${what}\n${stdout}\n${stderr}`);
        await new Promise((wake) => setTimeout(wake, 50));
      }
    };
    const read = () => readFile(join(project, 'out-watch/emails/en/SignIn.html'), 'utf8');
    try {
      await waitFor(() => stdout.includes('Watching'), 'the first build');
      expect(stdout).toContain(`Watching ${templatesDir}, ${defaultTemplatesDir}, ${localesDir}, ${defaultLocalesDir} and the brand file`);
      expect(builds()[0]).toMatch(/1 from your templates, 8 shipped; 9 rendered/);

      await writeFile(join(templatesDir, 'sign-in.tsx'), signIn('Globex edited'));
      await waitFor(() => builds().length > 1, 'a rebuild after the template edit');
      expect(builds()[1]).toMatch(/1 rendered, 8 from cache/);
      expect(await read()).toContain('Globex edited Globex Research.');

      await writeJson(join(localesDir, 'en/email.json'), { globex: { banner: 'Globex Labs.' } });
      await waitFor(() => builds().length > 2, 'a rebuild after the locale edit');
      expect(await read()).toContain('Globex edited Globex Labs.');
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(undefined)));
    }
  }, 120_000);
});

describe('a complete templates folder', () => {
  it('overrides every type (what --templates-dir meant before layers)', async () => {
    const dir = join(base, 'complete');
    await cp(defaultTemplatesDir, dir, { recursive: true });
    expect(
      createRegistry(dir)
        .flatMap((entry) => entry.sources)
        .every((source) => source.layer === 'project' && source.file.startsWith(dir))
    ).toBe(true);
  });
});
