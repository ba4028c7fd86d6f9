/**
 * Story factories for the generated story files (stories/*.stories.tsx, written by
 * generate-stories.ts from the registry). Each story renders one usage type with controls from
 * its zod schema; `play` checks the iframe really shows the pipeline's email.
 */
import type { StoryContext, StoryObj } from '@storybook/react-vite';
import { catalog } from 'virtual:authmail/catalog';
import { expect, waitFor } from 'storybook/test';
import type { RenderMode } from '../src/render/types.ts';
import { payloadSchemas, type UsageType } from '../src/schema/usage-types.ts';
import { sampleVariables } from '../src/samples.ts';
import { argsFor, argTypesFor, fieldsOf, payloadOf, type Args } from './controls.ts';
import { EmailPreview, type Viewport } from './EmailPreview.tsx';
import type { Scheme } from './scheme.ts';

export interface EmailGlobals {
  locale: string;
  scheme: Scheme;
  viewport: Viewport;
  brand: string;
  mode: RenderMode;
}

type EmailStory = StoryObj<Args>;

declare global {
  /** Installed by .storybook/vitest.setup.ts: vitest's toMatchScreenshot on an element. */
  var __authmailMatchScreenshot: ((element: Element, name: string) => Promise<void>) | undefined;
}

const globalsOf = (context: Pick<StoryContext, 'globals'>) => context.globals as EmailGlobals;
export const directionOf = (locale: string) => catalog.locales.find((entry) => entry.tag === locale)?.dir ?? 'ltr';

function brandOf(id: string) {
  return catalog.brands.find((brand) => brand.id === id) ?? catalog.brands[0]!;
}

/** Waits for the email iframe and checks subject, code or link, lang and direction. */
async function expectEmail(canvasElement: HTMLElement, type: UsageType, args: Args, globals: EmailGlobals): Promise<HTMLIFrameElement> {
  const frame = await waitFor(
    () => {
      const ready = canvasElement.querySelector<HTMLIFrameElement>('[data-testid="email-frame"][data-ready="true"]');
      if (ready) return ready;
      const invalid = canvasElement.querySelector('[data-testid="invalid"]');
      throw new Error(invalid ? `The story shows an error: ${invalid.textContent}` : `${type} has not rendered yet`);
    },
    { timeout: 30_000 }
  );
  const doc = frame.contentDocument!;
  const subject = canvasElement.querySelector('[data-testid="subject"]')!.textContent!;
  await expect(subject.trim()).not.toBe('');
  await expect(doc.title).toBe(subject);

  const fields = fieldsOf(payloadSchemas[type]);
  const payload = payloadOf(fields, args) as { code?: string; link?: string };
  const body = doc.body.textContent ?? '';
  const placeholders = globals.mode === 'placeholder';
  if (payload.code !== undefined) await expect(body).toContain(placeholders ? '{{code}}' : payload.code);
  if (payload.link !== undefined) {
    const href = placeholders ? '{{link}}' : payload.link;
    await expect([...doc.querySelectorAll('a')].some((anchor) => anchor.getAttribute('href') === href)).toBe(true);
  }
  if (!placeholders) await expect(`${subject} ${body}`).not.toMatch(/{{\s*[\w.]+\s*}}/);

  const dir = directionOf(globals.locale);
  await expect(doc.documentElement.getAttribute('lang')).toBe(globals.locale);
  await expect(doc.documentElement.getAttribute('dir')).toBe(dir);
  await expect(doc.body.getAttribute('dir')).toBe(dir);
  return frame;
}

export function emailStory(type: UsageType): EmailStory {
  const fields = fieldsOf(payloadSchemas[type]);
  return {
    args: argsFor(fields, sampleVariables(type) as Record<string, unknown>),
    argTypes: argTypesFor(fields),
    parameters: { docs: { description: { story: `Logto usage type \`${type}\`.` } } },
    render: (args, context) => {
      const globals = globalsOf(context);
      return (
        <EmailPreview
          type={type}
          fields={fields}
          args={args}
          locale={globals.locale}
          brand={brandOf(globals.brand)}
          scheme={globals.scheme}
          viewport={globals.viewport}
          mode={globals.mode}
        />
      );
    },
    play: async ({ canvasElement, args, globals }) => {
      await expectEmail(canvasElement, type, args, globals as EmailGlobals);
    },
  };
}

/** A fixed locale × scheme view of a type, compared against its committed screenshot under vitest. */
export function screenshotStory(type: UsageType, locale: string, scheme: Scheme): EmailStory {
  const story = emailStory(type);
  return {
    ...story,
    globals: { locale, scheme, viewport: 'desktop', brand: catalog.brands[0]!.id, mode: 'value' },
    play: async ({ canvasElement, args, globals }) => {
      const frame = await expectEmail(canvasElement, type, args, globals as EmailGlobals);
      const match = globalThis.__authmailMatchScreenshot;
      if (!match) throw new Error('Screenshot stories compare against baselines and run under vitest only (npm test).');
      await match(frame, `${type}-${locale}-${scheme}`);
    },
  };
}
