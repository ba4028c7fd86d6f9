/**
 * Debian's Chromium for node tests, with the project's flags and fonts (.storybook/chromium.ts).
 * Never skipped when missing: the error says how to get it, and with CI=true that the install
 * step should have run.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumEnv, chromiumPath } from '../../.storybook/chromium.ts';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    const reason = `${chromiumPath} not found.`;
    if (process.env.CI === 'true') throw new Error(`${reason} CI must install it before the tests (scripts/install-chromium.mjs).`);
    throw new Error(`${reason} Install it: node scripts/install-chromium.mjs (or apt-get install chromium).`);
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, env: chromiumEnv });
}
