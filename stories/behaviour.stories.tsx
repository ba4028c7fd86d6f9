// Stories for the preview's own behaviour (the per-type stories are generated from the registry).
import type { StoryObj } from '@storybook/react-vite';
import { catalog } from 'virtual:authmail/catalog';
import { expect, waitFor } from 'storybook/test';
import { emailStory } from '../.storybook/email-stories.tsx';
import type { Args } from '../.storybook/controls.ts';

export default { title: 'Preview behaviour' };

const rtl = catalog.locales.find((entry) => entry.dir === 'rtl')?.tag ?? 'en';

/** An invalid edit shows zod's message where the email would be, and no crash. */
export const InvalidCode: StoryObj<Args> = {
  ...emailStory('SignIn'),
  args: { ...emailStory('SignIn').args, code: '12ab' },
  play: async ({ canvasElement }) => {
    const alert = await waitFor(() => {
      const found = canvasElement.querySelector('[data-testid="invalid"]');
      if (!found) throw new Error('no validation message yet');
      return found;
    });
    await expect(alert.textContent).toContain('must be the 6-digit code Logto generates');
    await expect(alert.textContent).toContain('code');
    await expect(canvasElement.querySelector('[data-testid="email-frame"]')).toBeNull();
  },
};

/** Removing an optional object (presence change) compiles the other layout live. */
export const WithoutApplication: StoryObj<Args> = {
  ...emailStory('SignIn'),
  args: { ...emailStory('SignIn').args, application__sent: false },
};

/** Placeholder mode shows what connectors store: Logto tokens, not values. */
export const PlaceholderMode: StoryObj<Args> = {
  ...emailStory('OrganizationInvitation'),
  globals: { mode: 'placeholder' },
};

/** The catalog's RTL locale on the mobile width, inverted like Gmail's dark mode. */
export const RightToLeftMobileInverted: StoryObj<Args> = {
  ...emailStory('ForgotPassword'),
  globals: { locale: rtl, viewport: 'mobile', scheme: 'inverted' },
  play: async (context) => {
    await emailStory('ForgotPassword').play!(context);
    const frame = context.canvasElement.querySelector<HTMLIFrameElement>('[data-testid="email-frame"]')!;
    await expect(frame.getBoundingClientRect().width).toBeLessThanOrEqual(377);
    await expect(getComputedStyle(frame).filter).toContain('invert');
  },
};
