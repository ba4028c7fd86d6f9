/**
 * The shipped emails in Debian's Chromium, offline (every request is refused: images off):
 * axe-core finds no landmark problem, right-to-left footers keep brand lines in reading order,
 * and the invitation's dark logo shows its alt text in dark mode.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/render/pipeline.ts';
import type { UsageType } from '../../src/schema/usage-types.ts';
import { launchChromium } from '../helpers/chromium.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const renderer = createRenderer();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

async function open(type: UsageType, locale: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const email = await renderer.render(type, { locale });
  const page = await browser.newPage({ colorScheme, viewport: { width: 700, height: 900 } });
  // Offline and images off: the logo URLs never load, as in a client that blocks images.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(email.html, { waitUntil: 'load' });
  return page;
}

interface AxeResults {
  violations: { id: string; nodes: { target: string[] }[] }[];
  passes: { id: string }[];
}

describe('axe-core', () => {
  it.each([
    ['SignIn', 'en'],
    ['SignIn', 'th'],
    ['SignIn', 'ar'],
    ['OrganizationInvitation', 'en'],
    ['OrganizationInvitation', 'th'],
    ['OrganizationInvitation', 'ar'],
  ] as const)('finds no region or landmark problem in %s %s', async (type, locale) => {
    const page = await open(type, locale);
    await page.addScriptTag({ path: axePath });
    const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
    await page.close();
    const landmarks = results.violations.filter((violation) => violation.id === 'region' || violation.id.startsWith('landmark-'));
    expect(landmarks.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    // The rules ran and passed (they apply to every page).
    expect(results.passes.map((rule) => rule.id)).toEqual(expect.arrayContaining(['region', 'landmark-one-main', 'landmark-no-duplicate-main']));
  });
});

describe('right-to-left footer', () => {
  /**
   * Where each character of a brand line is drawn: in reading order, the first character of an
   * English line is left of its last. In an RTL paragraph the trailing "." of "Acme Cloud Ltd."
   * jumps to the left and "100" of the address to the right end.
   */
  async function lineOrder(page: Page, text: string) {
    return page.evaluate((wanted) => {
      const element = [...document.querySelectorAll('body *')].find((node) => node.childElementCount === 0 && node.textContent === wanted);
      if (!element) throw new Error(`no element with the text ${wanted}`);
      const textNode = element.firstChild!;
      const x = (index: number) => {
        const range = document.createRange();
        range.setStart(textNode, index);
        range.setEnd(textNode, index + 1);
        return range.getBoundingClientRect().x;
      };
      return { first: x(0), last: x(wanted.length - 1), direction: getComputedStyle(element).direction };
    }, text);
  }

  it.each([
    ['OrganizationInvitation', 'ar'],
    ['UserPermissionValidation', 'fa-IR'],
  ] as const)('keeps the brand lines in reading order in %s %s', async (type, locale) => {
    const page = await open(type, locale);
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    for (const line of ['Acme Cloud Ltd.', '100 Market Street, Suite 300, San Francisco, CA 94105']) {
      const order = await lineOrder(page, line);
      expect(order.direction, line).toBe('ltr');
      expect(order.first, line).toBeLessThan(order.last);
    }
    await page.close();
  });
});

describe('dark logo with images off', () => {
  it.each(['OrganizationInvitation', 'SignIn'] as const)('%s: the dark logo shows its alt text, readable, on the dark page', async (type) => {
    const page = await open(type, 'en', 'dark');
    const logos = await page.evaluate(() => {
      const describe = (img: HTMLImageElement) => {
        const style = getComputedStyle(img);
        const box = img.getBoundingClientRect();
        return {
          alt: img.alt,
          fontSize: parseFloat(style.fontSize),
          color: style.color,
          visible: style.display !== 'none' && style.visibility === 'visible' && box.width > 0 && box.height > 0 && img.checkVisibility(),
        };
      };
      const light = document.querySelector<HTMLImageElement>('img.am-logo-light')!;
      const dark = document.querySelector<HTMLImageElement>('.am-logo-dark img')!;
      // The page behind the card at its top-left corner: the first painted background up from there.
      let behind: Element | null = document.elementFromPoint(3, 3);
      while (behind && getComputedStyle(behind).backgroundColor === 'rgba(0, 0, 0, 0)') behind = behind.parentElement;
      return {
        light: describe(light),
        dark: describe(dark),
        loaded: dark.complete && dark.naturalWidth > 0,
        background: behind && getComputedStyle(behind).backgroundColor,
      };
    });
    await page.close();
    expect(logos.loaded).toBe(false); // images off
    expect(logos.light.visible).toBe(false); // dark mode hides the light logo
    expect(logos.dark).toMatchObject({ alt: 'Acme Cloud', visible: true });
    expect(logos.dark.fontSize).toBeGreaterThanOrEqual(12);
    // The brand's dark-mode text color (#f1f1f3), not the light theme's dark text on a dark card.
    expect(logos.dark.color).toBe('rgb(241, 241, 243)');
    expect(logos.background).toBe('rgb(17, 18, 20)'); // the dark background (#111214) reaches the page, around the landmarks
  });
});
