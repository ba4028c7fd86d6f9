/**
 * The preview as a designer works in it, in Debian's Chromium at 1440 px (and 1280, 1920 px): a project
 * made by `authmail init --yes` with an ejected, edited SignIn in en, th and ar, run by
 * `authmail dev` (the CLI from dist/). Every email width shows the whole email with the details
 * and Storybook's panels in view; forced dark (the imitation) differs from light and from the
 * authored dark, reached from the URL on a generated story; the comparison shows en, th and ar at
 * once; the payload's locale and the plain text's direction follow the story's locale; and
 * Storybook shows no onboarding checklist, Interactions tab, canvas viewport tool or save button.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumEnv, chromiumPath } from '../../.storybook/chromium.ts';
import { freePort } from '../../src/inbox/mailpit-process.ts';
import { repoRoot, tempProject } from '../init/project.ts';
import { emailWidths } from '../../src/storybook/globals.ts';
import { startDev, waitForIndex } from '../helpers/storybook-dev.ts';

const run = promisify(execFile);
const cli = (cwd: string, ...args: string[]) =>
  run(process.execPath, [join(repoRoot, 'bin/authmail.js'), ...args], { cwd, env: { ...process.env, npm_config_user_agent: '' } });

const heading = 'Welcome back to Fernway';
const cleanups: (() => Promise<unknown>)[] = [];
let port: number;
let browser: Browser;
let page: Page;
let shots: string;

beforeAll(async () => {
  const project = tempProject('authmail-canvas-');
  cleanups.push(async () => project.remove());
  mkdirSync(join(project.root, 'node_modules/@storybook'));
  for (const name of ['storybook', '@storybook/react-vite', 'vite']) {
    symlinkSync(join(repoRoot, 'node_modules', name), join(project.root, 'node_modules', name), 'dir');
  }
  const { dir } = project;
  await cli(dir, 'init', '--yes');
  await cli(dir, 'eject', 'sign-in');
  const template = join(dir, 'emails/templates/sign-in.tsx');
  writeFileSync(template, readFileSync(template, 'utf8').replace('intro={introFor(ctx)} />', `intro={introFor(ctx)} heading="${heading}" />`));
  const config = join(dir, 'authmail.config.ts');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/locales: \[[^\]]*\]/, "locales: ['en', 'th', 'ar']"));

  port = await freePort();
  const dev = startDev(dir, port, (stop) => cleanups.push(stop));
  await waitForIndex(port, dev);
  shots = await mkdtemp(join(tmpdir(), 'authmail-canvas-shots-'));
  cleanups.push(() => rm(shots, { recursive: true, force: true }));
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, env: chromiumEnv });
  cleanups.push(() => browser.close());
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
}, 240_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Opens a story in Storybook's whole UI (sidebar, toolbar, panel) and waits for its email(s). */
async function openStory(id: string, globals = '', frames = 1): Promise<Frame> {
  await page.goto(`http://127.0.0.1:${port}/?path=/story/${id}${globals ? `&globals=${globals}` : ''}`);
  const preview = page.frameLocator('#storybook-preview-iframe');
  await expect.poll(() => preview.locator('[data-testid="email-frame"][data-ready="true"]').count(), { timeout: 120_000 }).toBe(frames);
  return (await page.locator('#storybook-preview-iframe').elementHandle())!.contentFrame() as Promise<Frame>;
}

const emailShot = (frame: Frame) => frame.locator('[data-testid="email-frame"]').first().screenshot();
const pngWidth = (png: Buffer) => png.readUInt32BE(16);

/** Where the email, its inner document and the details sit inside Storybook's preview frame. */
function layout(frame: Frame) {
  return frame.evaluate(() => {
    const email = document.querySelector<HTMLIFrameElement>('[data-testid="email-frame"]')!;
    const box = email.getBoundingClientRect();
    const details = document.querySelector('[data-testid="size"]')!.getBoundingClientRect();
    return {
      width: email.clientWidth,
      right: box.right,
      scrollWidth: email.contentDocument!.documentElement.scrollWidth,
      detailsLeft: details.left,
      detailsRight: details.right,
      detailsTop: details.top,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      heading: email.contentDocument!.querySelector('h1')?.textContent,
    };
  });
}

async function expectPanelsVisible() {
  expect(await page.locator('#storybook-explorer-tree').isVisible()).toBe(true);
  expect(await page.locator('#storybook-panel-root').isVisible()).toBe(true);
}

describe('the email width is its own, and every width fits a 1280–1920 px window', () => {
  it.each(['320', '375', '414', '600', '480'])('%s px at 1440 px: the whole email, the details and the panels in view', { timeout: 180_000 }, async (width) => {
    const frame = await openStory('emails-signin--en-light', `emailWidth:${width}px`);
    const seen = await layout(frame);
    expect(seen.heading).toBe(heading); // the ejected template
    expect(seen.width).toBe(Number(width));
    expect(seen.scrollWidth).toBeLessThanOrEqual(seen.width); // no horizontal cut inside the email
    expect(seen.right).toBeLessThanOrEqual(seen.innerWidth); // the canvas is not narrowed to a phone
    expect(seen.detailsLeft).toBeGreaterThanOrEqual(seen.right); // the details beside the email…
    expect(seen.detailsRight).toBeLessThanOrEqual(seen.innerWidth); // …and not cut
    expect(seen.detailsTop).toBeLessThan(seen.innerHeight);
    await expectPanelsVisible();
    // The toolbar shows a preset chosen in the URL (a custom width keeps the button's name).
    const button = page.getByRole('button', { name: `${width}px ${emailWidths[`${width}px`] ?? ''}`.trim() });
    if (emailWidths[`${width}px`]) expect(await button.count()).toBe(1);
    const shot = join(shots, `signin-${width}.png`);
    await page.screenshot({ path: shot });
    expect(pngWidth(readFileSync(shot))).toBe(1440);
    expect(pngWidth(await emailShot(frame))).toBe(Number(width) + 2); // the frame's 1px borders
  });

  it.each([1280, 1920])('every preset in a %d px window: still whole, details beside it', { timeout: 180_000 }, async (windowWidth) => {
    await page.setViewportSize({ width: windowWidth, height: 800 });
    try {
      for (const width of Object.keys(emailWidths)) {
        const seen = await layout(await openStory('emails-signin--en-light', `emailWidth:${width}`));
        expect(seen.width).toBe(Number.parseInt(width, 10));
        expect(seen.scrollWidth).toBeLessThanOrEqual(seen.width);
        expect(seen.detailsLeft).toBeGreaterThanOrEqual(seen.right);
        expect(seen.detailsRight).toBeLessThanOrEqual(seen.innerWidth);
        await expectPanelsVisible();
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('a width outside the range is refused with the valid choices', { timeout: 120_000 }, async () => {
    await page.goto(`http://127.0.0.1:${port}/?path=/story/emails-signin--en-light&globals=emailWidth:5000px`);
    const alert = page.frameLocator('#storybook-preview-iframe').locator('[data-testid="invalid"]');
    await expect.poll(() => alert.textContent(), { timeout: 120_000 }).toContain('Email width "5000px" is not a width: choose 320px, 375px, 414px, 600px');
  });
});

describe('forced dark on every story', () => {
  it('light, authored dark and the forced-dark imitation (from the URL) are three different pictures', { timeout: 180_000 }, async () => {
    const light = await emailShot(await openStory('emails-signin--en-light'));
    const authored = await emailShot(await openStory('emails-signin--en-dark'));
    const forcedFrame = await openStory('emails-signin--en-light', 'scheme:inverted');
    expect(await forcedFrame.locator('[data-testid="email-preview"]').getAttribute('data-scheme')).toBe('inverted');
    const forced = await emailShot(forcedFrame);
    for (const [name, shot] of Object.entries({ light, authored, forced })) writeFileSync(join(shots, `scheme-${name}.png`), shot);
    expect(forced.equals(light)).toBe(false);
    expect(forced.equals(authored)).toBe(false);
    expect(authored.equals(light)).toBe(false);
    // A generated dark story switches to forced dark the same way (nothing pins the scheme).
    const darkForced = await openStory('emails-signin--th-dark', 'scheme:inverted');
    expect(await darkForced.locator('[data-testid="email-preview"]').getAttribute('data-scheme')).toBe('inverted');
  });
});

describe('locales a designer can compare', () => {
  it('the comparison shows en, th and ar at once, in light and in dark', { timeout: 180_000 }, async () => {
    for (const scheme of ['light', 'dark']) {
      const frame = await openStory(`emails-signin--compare-${scheme}`, 'emailWidth:375px', 3);
      const columns = await frame.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-testid="compare-column"]')].map((column) => {
          const email = column.querySelector<HTMLIFrameElement>('[data-testid="email-frame"]')!;
          return {
            locale: column.dataset.locale,
            lang: email.contentDocument!.documentElement.lang,
            dir: email.contentDocument!.documentElement.dir,
            right: email.getBoundingClientRect().right,
            layoutWidth: email.contentDocument!.documentElement.clientWidth,
            innerWidth: window.innerWidth,
          };
        })
      );
      expect(columns.map((column) => [column.locale, column.lang, column.dir])).toEqual([
        ['en', 'en', 'ltr'],
        ['th', 'th', 'ltr'],
        ['ar', 'ar', 'rtl'],
      ]);
      for (const column of columns) {
        expect(column.right).toBeLessThanOrEqual(column.innerWidth); // all three in view at once…
        // …each laid out at the chosen width, zoomed out to fit rather than narrowed (±1 px: the zoom's rounding).
        expect(Math.abs(column.layoutWidth - 375)).toBeLessThanOrEqual(1);
      }
      expect(await frame.locator('[data-testid="compare"]').getAttribute('data-scheme')).toBe(scheme);
      // The locales are a control: one checkbox per project locale.
      expect(await page.locator('#storybook-panel-root input[type="checkbox"]').count()).toBe(3);
      await page.screenshot({ path: join(shots, `compare-${scheme}.png`) });
    }
  });

  it('the sidebar groups by type, then locale; the payload locale and the plain text follow the story', { timeout: 180_000 }, async () => {
    const index = (await (await fetch(`http://127.0.0.1:${port}/index.json`)).json()) as { entries: Record<string, { title: string; name: string }> };
    expect(index.entries['emails-signin--ar-light']).toMatchObject({ title: 'Emails/SignIn/ar', name: 'light' });
    expect(index.entries['emails-signin--compare-dark']).toMatchObject({ title: 'Emails/SignIn/Compare locales', name: 'dark' });
    const frame = await openStory('emails-signin--ar-light');
    await expect.poll(() => page.locator('#control-locale').inputValue(), { timeout: 30_000 }).toBe('ar');
    const plain = frame.locator('[data-testid="plain-text"]');
    expect(await plain.getAttribute('dir')).toBe('rtl');
    expect(await plain.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    // Nothing pins Locale or Scheme on a generated story: their toolbar buttons are live.
    expect(await page.getByRole('button', { name: "Story's locale" }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: "Story's scheme" }).isEnabled()).toBe(true);
    // The Locale toolbar is live on a generated story: th from the URL, with the payload's locale.
    const thai = await openStory('emails-signin--ar-light', 'locale:th');
    expect(await thai.evaluate(() => document.querySelector<HTMLIFrameElement>('[data-testid="email-frame"]')!.contentDocument!.documentElement.lang)).toBe(
      'th'
    );
    expect(await thai.locator('[data-testid="plain-text"]').getAttribute('dir')).toBe('ltr');
  });
});

describe('Storybook quieted for designers', () => {
  it('no onboarding checklist, Interactions tab, canvas viewport tool, or save-story button after an edit', { timeout: 180_000 }, async () => {
    await openStory('emails-signin--en-light');
    await expectPanelsVisible();
    expect(await page.getByRole('tab', { name: /Controls/ }).isVisible()).toBe(true);
    expect(await page.getByRole('tab', { name: /Interactions/ }).count()).toBe(0);
    expect(await page.getByText(/Get started|Level up|Become an expert/).count()).toBe(0);
    expect(await page.locator('button[title*="viewport" i], button[aria-label*="viewport" i]').count()).toBe(0);
    await page.locator('#control-code').fill('123456');
    await expect
      .poll(() => page.frameLocator('#storybook-preview-iframe').locator('[data-testid="subject"]').textContent(), { timeout: 30_000 })
      .toContain('123456');
    // The manager has taken the edit (it writes it into the URL), where the save bar would now show.
    await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('args=code:123456');
    expect(await page.getByRole('button', { name: 'Reset changes' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Update story|Create new story|Save/i }).count()).toBe(0);
  });
});
