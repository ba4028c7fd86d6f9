/**
 * Issue 17's path, from the packed tarball in a project outside the repository: `authmail init
 * --yes`, install what it added (offline), `authmail eject sign-in` and edit the heading, build,
 * the generated vitest snapshot test, and the project's own Storybook (the authmail preset) in
 * Debian's Chromium: SignIn shows the edited heading with the project's brand, Thai and Arabic
 * render, Arabic right to left.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromiumArgs, chromiumEnv, chromiumPath } from '../../.storybook/chromium.ts';
import { authmail, background, bin, cleanup, createConsumer, freePort, listFiles, pack, reportTimings, run, scratchFolder, timed } from './consumer.ts';

// Each step runs a real install, build or dev server of its own.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 600_000 });

const heading = 'Welcome back to Globex';
const brandName = 'Globex'; // init --yes names the brand after package.json's name

/** The ejected SignIn with its own heading (CodeEmail's `heading`, in place of the translated one). */
function editHeading(source: string): string {
  const edited = source.replace(
    'return <CodeEmail ctx={ctx} intro={introFor(ctx)} />;',
    `return <CodeEmail ctx={ctx} intro={introFor(ctx)} heading="${heading}" />;`
  );
  expect(edited, 'the shipped sign-in.tsx changed shape; update editHeading').toContain(heading);
  return edited;
}

let root: string;
let project: string;

beforeAll(async () => {
  root = scratchFolder('init-storybook');
  const { tarball } = await timed('npm pack', () => pack(root));
  // A project that has installed authmail and React, nothing else yet.
  project = await createConsumer('storybook', join(root, 'globex'), tarball);
}, 600_000);

afterAll(() => {
  cleanup(root);
  reportTimings('package tests (init, eject, Storybook)');
});

const read = (path: string) => readFileSync(join(project, path), 'utf8');
const snapshotOfTree = () =>
  Object.fromEntries(
    listFiles(project)
      .filter((file) => !file.startsWith('node_modules/') && file !== 'package-lock.json')
      .map((file) => [file, read(file)])
  );

describe('authmail init, eject and Storybook in a project of its own', () => {
  it('init --yes sets the project up; a second init changes nothing', async () => {
    const first = await timed('init: authmail init --yes', () => authmail(project, ['init', '--yes']));
    for (const file of ['authmail.config.ts', 'emails/brand.json', 'emails/emails.test.ts', '.storybook/main.ts']) expect(first.stdout).toContain(file);
    const manifest = JSON.parse(read('package.json')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys(manifest.scripts)).toEqual(expect.arrayContaining(['emails:build', 'emails:dev', 'emails:check', 'emails:test']));
    expect(Object.keys(manifest.devDependencies)).toEqual(expect.arrayContaining(['storybook', '@storybook/react-vite', 'vitest']));
    expect(JSON.parse(read('emails/brand.json')).name).toBe(brandName);

    const before = snapshotOfTree();
    const second = authmail(project, ['init', '--yes']);
    expect(second.stdout).toMatch(/Nothing to create/);
    expect(snapshotOfTree()).toEqual(before);
  });

  it('installs what init added from the cache (offline)', async () => {
    await timed('init: npm install --offline (what init added)', () => run('npm', ['install', '--offline', '--no-audit', '--no-fund'], project));
    expect(JSON.parse(read('node_modules/storybook/package.json')).version).toBe(JSON.parse(read('package.json')).devDependencies.storybook);
  });

  it('ejects sign-in once; a second eject without --force refuses and says why', () => {
    const ejected = authmail(project, ['eject', 'sign-in']);
    expect(ejected.stdout).toContain('emails/templates/sign-in.tsx');
    const template = 'emails/templates/sign-in.tsx';
    expect(read(template)).toMatch(/from 'authmail\/components'/);
    expect(read(template)).not.toMatch(/from '\.\.?\//);
    writeFileSync(join(project, template), editHeading(read(template)));
    const edited = read(template);

    const again = authmail(project, ['eject', 'sign-in'], { allowFailure: true });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/emails\/templates\/sign-in\.tsx exists.*--force/);
    expect(read(template)).toBe(edited);
  });

  it('builds the edited SignIn with the project brand; Arabic right to left', async () => {
    await timed('init: authmail build', () => authmail(project, ['build', '--quiet']));
    const html = (locale: string, type = 'SignIn') => read(`out/emails/${locale}/${type}.html`);
    for (const locale of ['en', 'th', 'ar']) {
      expect(html(locale)).toContain(heading);
      expect(html(locale)).toContain(brandName);
    }
    expect(html('ar')).toMatch(/<html[^>]* dir="rtl"/);
    expect(html('en', 'Register')).not.toContain(heading);
  });

  it('runs the generated vitest snapshot test', async () => {
    const first = await timed('init: npm run emails:test (writes the snapshot)', () => run('npm', ['run', 'emails:test', '--', '--update'], project)); // CI=true (the suite's) would refuse to write it
    expect(first.stdout).toMatch(/1 passed/);
    expect(read('emails/__snapshots__/emails.test.ts.snap')).toContain(heading);
    const second = await timed('init: npm run emails:test (CI=true)', () => run('npm', ['run', 'emails:test'], project, { env: { CI: 'true' } }));
    expect(second.stdout).toMatch(/1 passed/);
  });

  it('shows its emails in its own Storybook (Debian Chromium): the edited heading and brand, Thai and Arabic (RTL)', async () => {
    const port = await freePort();
    // `authmail dev`: the project's Storybook (init's .storybook/main.ts with the preset) on 127.0.0.1.
    const storybook = background(bin(project, 'authmail'), ['dev', '--port', String(port)], project);
    let browser: Browser | undefined;
    try {
      await timed('init: authmail dev (Storybook) start', () => storybook.waitFor(/Storybook .* started|Local:\s+http/, 240_000));
      const base = `http://127.0.0.1:${port}`;
      const index = (await (await fetch(`${base}/index.json`)).json()) as {
        entries: Record<string, { id: string; type: string; title: string; name: string }>;
      };
      const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
      // The preset's stories: a folder per type and locale (Emails/<type>/<locale>), a story per colour scheme ("light").
      const storyOf = (locale: string) => {
        const found = stories.find((entry) => entry.title === `Emails/SignIn/${locale}` && entry.name === 'light');
        if (!found) throw new Error(`no SignIn story for ${locale} in Storybook's index: ${stories.map((entry) => `${entry.title} ${entry.name}`).join(', ')}`);
        return found.id;
      };

      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, env: chromiumEnv });
      const page = await browser.newPage();
      const emailIn = async (locale: string) => {
        await page.goto(`${base}/iframe.html?id=${storyOf(locale)}&viewMode=story`);
        const frame = page.locator('[data-testid="email-frame"][data-ready="true"]');
        await frame.waitFor({ timeout: 120_000 });
        const email = (await frame.elementHandle())!;
        const content = (await email.contentFrame())!;
        return content.evaluate(() => ({
          dir: document.documentElement.getAttribute('dir'),
          lang: document.documentElement.lang,
          // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees; textContent would add the <style> rules.
          text: document.body.innerText,
        }));
      };
      await timed('init: Storybook stories in Chromium', async () => {
        const en = await emailIn('en');
        expect(en.text).toContain(heading);
        expect(en.text).toContain(brandName);
        const th = await emailIn('th');
        expect(th.lang).toBe('th');
        expect(th.text).toMatch(/[\u0E00-\u0E7F]/);
        expect(th.text).toContain(heading);
        const ar = await emailIn('ar');
        expect(ar.dir).toBe('rtl');
        expect(ar.text).toMatch(/[\u0600-\u06FF]/);
      });
    } finally {
      await browser?.close();
      await storybook.stop();
    }
  }, 420_000);
});
