// Stories for the preview's own behaviour (the per-type stories are generated in memory by the
// authmail/storybook preset from the project config).
import { catalog } from 'virtual:authmail/catalog';
import { expect, waitFor } from 'storybook/test';
import { emailStory, type EmailStory } from 'authmail/storybook/stories';

export default { title: 'Preview behaviour' };

const rtl = catalog.locales.find((entry) => entry.dir === 'rtl')?.tag ?? 'en';

/** An invalid edit shows zod's message where the email would be, and no crash. */
export const InvalidCode: EmailStory = {
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
export const WithoutApplication: EmailStory = {
  ...emailStory('SignIn'),
  args: { ...emailStory('SignIn').args, application__sent: false },
};

/** Placeholder mode shows what connectors store: Logto tokens, not values. */
export const PlaceholderMode: EmailStory = {
  ...emailStory('OrganizationInvitation'),
  globals: { mode: 'placeholder' },
};

/** The catalog's RTL locale at the phone width, in the forced-dark imitation. */
export const RightToLeftMobileInverted: EmailStory = {
  ...emailStory('ForgotPassword'),
  globals: { locale: rtl, emailWidth: '375px', scheme: 'inverted' },
  play: async (context) => {
    await emailStory('ForgotPassword').play!(context);
    const frame = context.canvasElement.querySelector<HTMLIFrameElement>('[data-testid="email-frame"]')!;
    await expect(frame.getBoundingClientRect().width).toBeLessThanOrEqual(377);
    const doc = frame.contentDocument!;
    await expect(doc.documentElement.scrollWidth).toBeLessThanOrEqual(frame.clientWidth);
    await expect(doc.querySelector('style[data-authmail-scheme="inverted"]')).not.toBeNull();
    // The light page background is darkened, as the imitated clients do.
    const [r, g, b] = getComputedStyle(doc.body).backgroundColor.match(/\d+/g)!.map(Number);
    await expect(r! + g! + b!).toBeLessThan(3 * 80);
  },
};

/** The sample brand's logo is a file the preset serves (logoFile), so the preview shows it offline. */
export const LogoLoads: EmailStory = {
  ...emailStory('SignIn'),
  play: async (context) => {
    await emailStory('SignIn').play!(context);
    const frame = context.canvasElement.querySelector<HTMLIFrameElement>('[data-testid="email-frame"]')!;
    const logo = frame.contentDocument!.querySelector<HTMLImageElement>('img.am-logo-light, .am-logo-light img')!;
    await expect(logo.getAttribute('src')).toMatch(/^\/__authmail\/image\/0\.png\?v=\d+$/);
    await waitFor(() => {
      if (!logo.complete) throw new Error('logo still loading');
    });
    await expect(logo.naturalWidth).toBe(240);
    await expect(logo.naturalHeight).toBe(64);
  },
};
