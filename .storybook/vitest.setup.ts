/**
 * Runs in the browser before the story tests (vitest browser mode). Gives screenshot stories
 * vitest's `toMatchScreenshot`, which Storybook's own `expect` does not have.
 */
import { expect } from 'vitest';
import { page } from 'vitest/browser';

globalThis.__authmailMatchScreenshot = async (element, name) => {
  await expect.element(page.elementLocator(element)).toMatchScreenshot(name, {
    comparatorName: 'pixelmatch',
    // Same Chromium, fonts and scale factor as the baselines: allow anti-aliasing noise only.
    comparatorOptions: { threshold: 0.1, allowedMismatchedPixelRatio: 0.001 },
    timeout: 15_000,
  });
};
