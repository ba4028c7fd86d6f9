import type { Preview } from '@storybook/react-vite';
import { catalog } from 'virtual:authmail/catalog';
import { defaultEmailWidth, emailWidths, storyDefault, type EmailGlobals } from './globals.ts';
import { schemes, schemeTitles } from './scheme.ts';

// Locale and Scheme start at "the story's own": a generated story shows its locale and scheme
// until the toolbar (or `&globals=` in the URL) asks for another, on any story.
const initialGlobals: EmailGlobals = { locale: storyDefault, scheme: storyDefault, emailWidth: defaultEmailWidth, mode: 'value' };

const preview: Preview = {
  initialGlobals,
  globalTypes: {
    locale: {
      description: "Locale (the project's locales; RTL ones render right to left)",
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        dynamicTitle: true,
        items: [
          { value: storyDefault, title: "Story's locale" },
          ...catalog.locales.map(({ tag, dir }) => ({ value: tag, title: dir === 'rtl' ? `${tag} (RTL)` : tag })),
        ],
      },
    },
    scheme: {
      description: 'Colour scheme: light, the brand’s authored dark styles, or an imitation of forced dark',
      toolbar: {
        title: 'Scheme',
        icon: 'contrast',
        dynamicTitle: true,
        items: [{ value: storyDefault, title: "Story's scheme" }, ...schemes.map((scheme) => ({ value: scheme, title: schemeTitles[scheme] }))],
      },
    },
    // authmail's own global: Storybook's `viewport` would resize the whole canvas instead.
    emailWidth: {
      description: 'Email width (the email only; Storybook’s canvas keeps its size)',
      toolbar: {
        title: 'Email width',
        icon: 'mobile',
        dynamicTitle: true,
        items: Object.entries(emailWidths).map(([value, label]) => ({ value, title: `${value} ${label}` })),
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
    // No "save story" button: the stories are generated in memory, there is no file to write to.
    controls: { expanded: true, sort: 'none', disableSaveFromUI: true },
  },
};

export default preview;
