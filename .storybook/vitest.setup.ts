/**
 * Runs in the browser before the story tests (vitest browser mode). Installs the preset's
 * screenshot hook with vitest's `toMatchScreenshot` (Storybook's own `expect` does not have it):
 * the generated stories of en, th, zh-TW and ar, light and dark, and the fa-IR verification, are
 * compared with their baselines in stories/__screenshots__/ (vitest.config.ts says where those live).
 */
import { expect } from 'vitest';
import { page } from 'vitest/browser';

/** The screenshot matrix: Latin, Thai, Traditional Chinese and one RTL script. */
const screenshotLocales = ['en', 'th', 'zh-TW', 'ar'];
/** Single stories beyond the matrix: Persian, the other RTL language, for its footer's brand lines in reading order. */
const extraScreenshots = ['UserPermissionValidation-fa-IR-light'];

globalThis.__authmailMatchScreenshot = async (element, { type, locale, scheme }) => {
  if (!screenshotLocales.includes(locale) && !extraScreenshots.includes(`${type}-${locale}-${scheme}`)) return;
  await expect.element(page.elementLocator(element)).toMatchScreenshot(`${type}-${locale}-${scheme}`, {
    comparatorName: 'pixelmatch',
    // Same Chromium, fonts and scale factor as the baselines: allow anti-aliasing noise only.
    comparatorOptions: { threshold: 0.1, allowedMismatchedPixelRatio: 0.001 },
    timeout: 15_000,
  });
};
