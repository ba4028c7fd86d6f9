import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumEnv, chromiumPath } from './.storybook/chromium.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
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
          },
        },
      },
    ],
  },
});
