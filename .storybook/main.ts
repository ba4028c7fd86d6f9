import type { StorybookConfig } from '@storybook/react-vite';

// What a project's .storybook/main.ts needs (authmail's preset generates the email stories from
// the config), plus this repository's own tests: the hand-written behaviour stories and addon-vitest.
const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  addons: ['authmail/storybook', '@storybook/addon-vitest'],
  stories: ['../stories/*.stories.tsx'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};

export default config;
