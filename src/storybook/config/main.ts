// The Storybook config `authmail dev` uses when a project has no .storybook of its own: just the preset.
export default {
  framework: '@storybook/react-vite',
  addons: ['authmail/storybook'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};
