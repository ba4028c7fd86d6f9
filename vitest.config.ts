import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumEnv, chromiumPath } from './.storybook/chromium.ts';
import { tierNames, tiers } from './test/tiers.ts';

// Templates import authmail by its public name; in-process tests take it from src/, not dist/.
const resolve = {
  alias: [
    { find: /^authmail$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    { find: /^authmail\/components$/, replacement: fileURLToPath(new URL('./src/components/index.ts', import.meta.url)) },
    { find: /^authmail\/testing$/, replacement: fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)) },
  ],
};

export default defineConfig({
  test: {
    projects: [
      // The Node tiers, one project each (test/tiers.ts lists which file runs in which):
      // `vitest run --project unit` is the quick loop; `npm test` runs every project.
      ...tierNames.map((name) => ({
        resolve,
        test: {
          name,
          environment: 'node' as const,
          include: [...tiers[name]],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // The unit tier's files share each worker's module graph: React, MJML and the catalog
          // load once per worker instead of once per file, half the tier's CPU time. Its files
          // start no process and leave no global behind (nock unhooks after each use;
          // env stubs are undone after each test).
          ...(name === 'unit' && { isolate: false, unstubEnvs: true }),
        },
      })),
      {
        resolve,
        // Every story in Debian's Chromium (never a downloaded browser), incl. the screenshot matrix.
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          testTimeout: 60_000,
          setupFiles: ['.storybook/vitest.setup.ts'],
          // Before the first story: the fonts must resolve as when the baselines were made.
          globalSetup: ['.storybook/fonts.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: chromiumArgs, env: chromiumEnv },
              // A page larger than the tested viewport, so vitest never scales the frame down.
              contextOptions: { deviceScaleFactor: 1, reducedMotion: 'reduce', viewport: { width: 1600, height: 1400 } },
            }),
            instances: [{ browser: 'chromium', viewport: { width: 1200, height: 1000 } }],
            // The generated stories live in the package (dist/storybook/stories); their baselines
            // are this repository's, where the screenshot stories file used to keep them.
            expect: {
              toMatchScreenshot: {
                resolveScreenshotPath: ({ root, arg, browserName, platform, ext }) =>
                  `${root}/stories/__screenshots__/screenshots.stories.tsx/${arg}-${browserName}-${platform}${ext}`,
              },
            },
          },
        },
      },
    ],
  },
});
