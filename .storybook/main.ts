import type { StorybookConfig } from '@storybook/react-vite';
import { authmailStories } from './authmail-vite.ts';
import { writeStories } from './generate-stories.ts';

// The story files follow the registry and the locale catalog; regenerate before indexing.
writeStories();

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/*.stories.tsx'],
  addons: ['@storybook/addon-vitest'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: false },
  async viteFinal(config) {
    config.plugins = [...(config.plugins ?? []), authmailStories()];
    return config;
  },
};

export default config;
