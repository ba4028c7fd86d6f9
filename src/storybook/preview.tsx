import type { Preview } from '@storybook/react-vite';
import { catalog } from 'virtual:authmail/catalog';
import { viewports } from './EmailPreview.tsx';
import type { EmailGlobals } from './email-stories.tsx';

// English when the project ships it, else its first locale.
const locale = catalog.locales.some((entry) => entry.tag === 'en') ? 'en' : catalog.locales[0]!.tag;
const initialGlobals: EmailGlobals = { locale, scheme: 'light', viewport: 'desktop', mode: 'value' };

const preview: Preview = {
  initialGlobals,
  globalTypes: {
    locale: {
      description: "Locale (the project's locales; RTL ones render right to left)",
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        dynamicTitle: true,
        items: catalog.locales.map(({ tag, dir }) => ({ value: tag, title: dir === 'rtl' ? `${tag} (RTL)` : tag })),
      },
    },
    scheme: {
      description: 'Colour scheme',
      toolbar: {
        title: 'Scheme',
        icon: 'contrast',
        dynamicTitle: true,
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark (prefers-color-scheme)' },
          { value: 'inverted', title: 'Forced inversion (Gmail / Outlook.com)' },
        ],
      },
    },
    viewport: {
      description: 'Email width',
      toolbar: {
        title: 'Width',
        icon: 'mobile',
        dynamicTitle: true,
        items: Object.entries(viewports).map(([value, width]) => ({ value, title: `${value} ${width}px` })),
      },
    },
    mode: {
      description: 'Value mode (a real send) or placeholder mode (what the connectors store)',
      toolbar: {
        title: 'Mode',
        icon: 'transfer',
        dynamicTitle: true,
        items: [
          { value: 'value', title: 'Value mode' },
          { value: 'placeholder', title: 'Placeholder mode ({{code}})' },
        ],
      },
    },
  },
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'none' },
  },
};

export default preview;
