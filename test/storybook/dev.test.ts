/**
 * `authmail dev`: its help, the install command when the project lacks Storybook, and the
 * project's Storybook for real (the CLI from dist/, as a user runs it): in this repository
 * (index from the preset, nothing written into the tree), and in a temp project with its own
 * config, brand and locales, where Debian's Chromium shows the story, the brand's logo file
 * loads, and saving a locale file, a template or the brand updates the open story without a page reload.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumEnv, chromiumPath } from '../../.storybook/chromium.ts';
import { linkedProject, startDev, waitForIndex } from '../helpers/storybook-dev.ts';
import { freePort } from '../../src/inbox/mailpit-process.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/authmail.js');
const versions = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).devDependencies as Record<string, string>;
const install = `npm install -D storybook@${versions.storybook} @storybook/react-vite@${versions['@storybook/react-vite']} vite@${versions.vite}`;

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function run(args: string[], cwd: string) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

/**
 * Saves a file, and saves it again every few seconds until `check` holds: the watcher starts on
 * the first render, and chokidar may still be scanning a folder it was just given.
 */
async function saveUntil(file: string, content: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await writeFile(file, content);
    for (const stop = Date.now() + 5_000; Date.now() < stop; ) {
      if (await check().catch(() => false)) return;
      await new Promise((done) => setTimeout(done, 250));
    }
    if (Date.now() > deadline) throw new Error(`saving ${file} did not update the open story within 60 s`);
  }
}

describe('authmail dev', () => {
  it('--help names the port, the host and the install command', () => {
    const result = run(['dev', '--help'], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/-p, --port <port>\s+port \(default: 6006\)/);
    expect(result.stdout).toMatch(/--host <host>[\s\S]*\(default: "127\.0\.0\.1"\)/);
    expect(result.stdout).toContain(install);
  });

  it('without Storybook in the project: prints the one install command and exits 2', async () => {
    const project = await mkdtemp(join(tmpdir(), 'authmail-dev-bare-'));
    cleanups.push(() => rm(project, { recursive: true, force: true }));
    await writeFile(join(project, 'package.json'), '{ "name": "bare", "private": true }\n');
    const result = run(['dev'], project);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('storybook, @storybook/react-vite, vite not installed');
    expect(result.stderr).toContain(`\n  ${install}`);
  });

  it('with a bad config: one error naming the file and key, before Storybook starts (exit 2)', async () => {
    const project = await mkdtemp(join(tmpdir(), 'authmail-dev-badconfig-'));
    cleanups.push(() => rm(project, { recursive: true, force: true }));
    await writeFile(join(project, 'package.json'), '{ "name": "bad", "private": true }\n');
    await writeFile(join(project, 'authmail.config.json'), '{ "templateDir": "emails/templates" }\n');
    const result = run(['dev'], project);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('authmail.config.json: templateDir: unknown key; valid keys: templatesDir');
    expect(result.stderr).not.toContain('not installed');
  });

  it('in this repository: answers on 127.0.0.1 with the generated stories and writes nothing into the tree', { timeout: 200_000 }, async () => {
    const status = () => spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).stdout;
    const before = status();
    const port = await freePort();
    const dev = startDev(root, port, (stop) => cleanups.push(stop));
    const index = await waitForIndex(port, dev);
    const titles = new Set(Object.values(index.entries).map((entry) => entry.title));
    expect(titles).toContain('Emails/SignIn/en');
    expect(titles).toContain('Emails/SignIn/Compare locales');
    expect(index.entries['emails-signin--ar-dark']).toBeDefined();
    expect(index.entries['preview-behaviour--logo-loads']).toBeDefined();
    expect(status()).toBe(before);
  });

  it('in a project: its config, brand and logo; saved locale, template and brand files update the open story in place', { timeout: 240_000 }, async () => {
    const project = await mkdtemp(join(tmpdir(), 'authmail-dev-project-'));
    cleanups.push(() => rm(project, { recursive: true, force: true }));
    await linkedProject(project, 'emails');
    await mkdir(join(project, 'emails/locales/en'), { recursive: true });
    await cp(join(root, 'templates'), join(project, 'emails/templates'), { recursive: true });
    await cp(join(root, 'brands/sample-logo.png'), join(project, 'emails/logo.png'));
    const brand = JSON.parse(await readFile(join(root, 'brands/sample.json'), 'utf8'));
    await writeFile(join(project, 'emails/brand.json'), JSON.stringify({ ...brand, senderName: 'Projectco', logoFile: 'logo.png', darkLogoFile: 'logo.png' }));
    const messages = JSON.parse(await readFile(join(root, 'locales/en/email.json'), 'utf8'));
    const localeFile = join(project, 'emails/locales/en/email.json');
    await writeFile(localeFile, JSON.stringify(messages));
    await writeFile(
      join(project, 'authmail.config.json'),
      JSON.stringify({ brand: 'emails/brand.json', localesDir: 'emails/locales', templatesDir: 'emails/templates', locales: ['en'] })
    );

    const port = await freePort();
    const dev = startDev(project, port, (stop) => cleanups.push(stop));
    const index = await waitForIndex(port, dev);
    // 9 usage types × (1 locale + the comparison) × light/dark, and nothing else (no .storybook: authmail's config).
    expect(Object.keys(index.entries).sort()).toHaveLength(36);
    expect(dev.output()).toContain("authmail's config");

    const browser: Browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, env: chromiumEnv });
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=emails-signin--en-light&viewMode=story`);
    const frame = page.frameLocator('[data-testid="email-frame"][data-ready="true"]');
    await expect.poll(() => frame.locator('h1').textContent(), { timeout: 60_000 }).toBe(messages.SignIn.heading);
    expect(await page.locator('[data-testid="inbox-row"] strong').first().textContent()).toBe('Projectco');
    const logo = frame.locator('img.am-logo-light');
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 20_000 }).toBe(240);

    await page.evaluate(() => ((window as { marker?: number }).marker = 17));
    const heading = () => frame.locator('h1').textContent();
    await saveUntil(
      localeFile,
      JSON.stringify({ ...messages, SignIn: { ...messages.SignIn, heading: 'Edited while Storybook runs' } }),
      async () => (await heading()) === 'Edited while Storybook runs'
    );

    const template = join(project, 'emails/templates/sign-in.tsx');
    const edited = (await readFile(template, 'utf8')).replace('intro={introFor(ctx)}', 'intro="Template saved while Storybook runs"');
    await saveUntil(template, edited, async () => ((await frame.locator('body').textContent()) ?? '').includes('Template saved while Storybook runs'));

    const sender = () => page.locator('[data-testid="inbox-row"] strong').first().textContent();
    await saveUntil(
      join(project, 'emails/brand.json'),
      JSON.stringify({ ...brand, senderName: 'Renamedco', logoFile: 'logo.png', darkLogoFile: 'logo.png' }),
      async () => (await sender()) === 'Renamedco'
    );
    expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBe(17); // the same page throughout: no reload
  });
});
