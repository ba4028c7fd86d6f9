/**
 * Story factories. `localeStory` makes the generated stories (stories.ts: one per usage type ×
 * locale × scheme); `emailStory` is the same view with the toolbar's locale and scheme, for
 * hand-written stories. Each renders one usage type with controls from its zod schema, the
 * project's sample as defaults; `play` checks the iframe really shows the pipeline's email.
 */
import type { StoryContext, StoryObj } from '@storybook/react-vite';
import { catalog } from 'virtual:authmail/catalog';
import { expect, waitFor } from 'storybook/test';
import type { RenderMode } from '../render/types.ts';
import { payloadSchemas, type UsageType } from '../schema/usage-types.ts';
import { sampleVariables } from '../samples.ts';
import { argsFor, argTypesFor, fieldsOf, payloadOf, type Args } from './controls.ts';
import { EmailPreview, type Viewport } from './EmailPreview.tsx';
import { fixedShapeNote } from './email-source.ts';
import type { Scheme } from './scheme.ts';

export interface EmailGlobals {
  locale: string;
  scheme: Scheme;
  viewport: Viewport;
  mode: RenderMode;
}

export type EmailStory = StoryObj<Args>;

/** The story a generated story shows, as a screenshot hook sees it. */
export interface ScreenshotSubject {
  type: UsageType;
  locale: string;
  scheme: Scheme;
}

declare global {
  /**
   * Optional: a test setup (vitest browser mode) may install it to compare each generated
   * story's email against a baseline; it decides which stories it compares.
   */
  var __authmailMatchScreenshot: ((element: Element, subject: ScreenshotSubject) => Promise<void>) | undefined;
}

const globalsOf = (context: Pick<StoryContext, 'globals'>) => context.globals as EmailGlobals;
export const directionOf = (locale: string) => catalog.locales.find((entry) => entry.tag === locale)?.dir ?? 'ltr';

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

function sampleOf(type: UsageType): Record<string, unknown> {
  return catalog.types.find((entry) => entry.type === type)?.sample ?? (sampleVariables(type) as Record<string, unknown>);
}

export function emailStory(type: UsageType): EmailStory {
  const fields = fieldsOf(payloadSchemas[type]);
  return {
    args: argsFor(fields, sampleOf(type)),
    argTypes: argTypesFor(fields, fixedShapeNote),
    parameters: { docs: { description: { story: `Logto usage type \`${type}\`.` } } },
    render: (args, context) => {
      const globals = globalsOf(context);
      return (
        <EmailPreview type={type} fields={fields} args={args} locale={globals.locale} scheme={globals.scheme} viewport={globals.viewport} mode={globals.mode} />
      );
    },
    play: async ({ canvasElement, args, globals }) => {
      await expectEmail(canvasElement, type, args, globals as EmailGlobals);
    },
  };
}

/** One usage type in one locale and scheme (the toolbar keeps width and mode). */
export function localeStory(type: UsageType, locale: string, scheme: Scheme, name: string): EmailStory {
  return {
    ...emailStory(type),
    name,
    globals: { locale, scheme },
    play: async ({ canvasElement, args, globals }) => {
      const frame = await expectEmail(canvasElement, type, args, globals as EmailGlobals);
      await globalThis.__authmailMatchScreenshot?.(frame, { type, locale, scheme });
    },
  };
}
