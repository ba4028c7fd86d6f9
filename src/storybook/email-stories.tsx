/**
 * Story factories. `localeStory` makes the generated stories (stories.ts: one per usage type ×
 * locale × scheme), `compareStory` the side-by-side locales of one type; `emailStory` is the same
 * view for hand-written stories. Each renders one usage type with controls from its zod schema,
 * the project's sample (in the story's locale) as defaults; `play` checks the iframe really shows
 * the pipeline's email. No generated story pins a global: the toolbar and `&globals=` in the URL
 * override its locale and scheme (globals.ts).
 */
import type { StoryObj } from '@storybook/react-vite';
import { catalog } from 'virtual:authmail/catalog';
import { expect, waitFor } from 'storybook/test';
import type { Samples } from '../config/schema.ts';
import { payloadSchemas, type UsageType } from '../schema/usage-types.ts';
import { sampleVariables } from '../samples.ts';
import { CompareLocales } from './CompareLocales.tsx';
import { argsFor, argTypesFor, fieldsOf, payloadOf, type Args } from './controls.ts';
import { EmailPreview, Invalid } from './EmailPreview.tsx';
import { fixedShapeNote } from './email-source.ts';
import { resolveGlobals, type EmailGlobals, type ResolvedGlobals, type StoryDefaults } from './globals.ts';
import type { Scheme } from './scheme.ts';

export type { EmailGlobals } from './globals.ts';
export type EmailStory = StoryObj<Args>;
type Resolved = Extract<ResolvedGlobals, { ok: true }>;

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

export const directionOf = (locale: string) => catalog.locales.find((entry) => entry.tag === locale)?.dir ?? 'ltr';
const localeTags = catalog.locales.map((entry) => entry.tag);
/** English when the project ships it, else its first locale: a hand-written story's locale. */
const defaultLocale = localeTags.includes('en') ? 'en' : localeTags[0]!;
const defaults: StoryDefaults = { locale: defaultLocale, scheme: 'light' };

function resolved(globals: Partial<EmailGlobals>, story: StoryDefaults): Resolved {
  const result = resolveGlobals(globals, story, localeTags);
  if (!result.ok) throw new Error(result.problems.join(' '));
  return result;
}

const globalsProblem = (problems: string[]) => (
  <Invalid
    title="The toolbar or the URL asks for something this preview cannot show:"
    items={problems.map((problem) => ({ key: problem, content: problem }))}
  />
);

/**
 * The args as the effective locale sends them: a payload's `locale` field still at the story's
 * locale follows a locale chosen in the toolbar (one typed in the Controls stays).
 */
function argsIn(args: Args, story: StoryDefaults, locale: string): Args {
  return 'locale' in args && args.locale === story.locale && locale !== story.locale ? { ...args, locale } : args;
}

/** Waits for the email iframe and checks subject, code or link, lang and direction. */
async function expectEmail(canvasElement: HTMLElement, type: UsageType, args: Args, globals: Resolved): Promise<HTMLIFrameElement> {
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

/** The type's sample payload (the project's, else authmail's), its `locale` field in `locale`. */
function sampleOf(type: UsageType, locale: string): Record<string, unknown> {
  const project = catalog.types.find((entry) => entry.type === type)?.sample;
  return sampleVariables(type, locale, (project ? { [type]: project } : {}) as Samples) as Record<string, unknown>;
}

/** One usage type; `story` is its own locale and scheme, which the toolbar's choices override. */
export function emailStory(type: UsageType, story: StoryDefaults = defaults): EmailStory {
  const fields = fieldsOf(payloadSchemas[type]);
  return {
    args: argsFor(fields, sampleOf(type, story.locale)),
    argTypes: argTypesFor(fields, fixedShapeNote),
    parameters: { docs: { description: { story: `Logto usage type \`${type}\`.` } } },
    render: (args, { globals }) => {
      const result = resolveGlobals(globals, story, localeTags);
      if (!result.ok) return globalsProblem(result.problems);
      const { locale, scheme, width, mode } = result;
      return (
        <EmailPreview
          type={type}
          fields={fields}
          args={argsIn(args, story, locale)}
          locale={locale}
          dir={directionOf(locale)}
          scheme={scheme}
          width={width}
          mode={mode}
        />
      );
    },
    play: async ({ canvasElement, args, globals }) => {
      const effective = resolved(globals, story);
      await expectEmail(canvasElement, type, argsIn(args, story, effective.locale), effective);
    },
  };
}

/** One usage type in one locale and scheme; the toolbar may still switch either, and width and mode. */
export function localeStory(type: UsageType, locale: string, scheme: Scheme, name: string): EmailStory {
  const story = { locale, scheme };
  return {
    ...emailStory(type, story),
    name,
    play: async ({ canvasElement, args, globals }) => {
      const effective = resolved(globals, story);
      const frame = await expectEmail(canvasElement, type, argsIn(args, story, effective.locale), effective);
      // Baselines are of the story as named: an overriding toolbar choice is not compared.
      if (effective.locale === locale && effective.scheme === scheme) await globalThis.__authmailMatchScreenshot?.(frame, { type, locale, scheme });
    },
  };
}

/** en, th and ar when the project has them (Latin, a script of its own, right to left), else its first three. */
function compareDefaults(): string[] {
  const preferred = ['en', 'th', 'ar'].filter((tag) => localeTags.includes(tag));
  return preferred.length >= 2 ? preferred : localeTags.slice(0, 3);
}

type CompareArgs = { locales: string[] };

/** One usage type in the chosen locales side by side, each with its sample payload in its locale. */
export function compareStory(type: UsageType, scheme: Scheme, name: string): StoryObj<CompareArgs> {
  const story = { locale: defaultLocale, scheme };
  return {
    name,
    args: { locales: compareDefaults() },
    argTypes: { locales: { control: 'inline-check', options: localeTags, description: "The locales shown side by side (in the project's order)." } },
    parameters: { layout: 'fullscreen' },
    render: ({ locales }, { globals }) => {
      const result = resolveGlobals(globals, story, localeTags);
      if (!result.ok) return globalsProblem(result.problems);
      const chosen = localeTags.filter((tag) => locales.includes(tag));
      return (
        <CompareLocales
          type={type}
          columns={chosen.map((locale) => ({ locale, dir: directionOf(locale), args: argsFor(fieldsOf(payloadSchemas[type]), sampleOf(type, locale)) }))}
          scheme={result.scheme}
          width={result.width}
          mode={result.mode}
        />
      );
    },
    play: async ({ canvasElement, args }) => {
      const expected = localeTags.filter((tag) => args.locales.includes(tag));
      const frames = await waitFor(
        () => {
          const ready = [...canvasElement.querySelectorAll<HTMLIFrameElement>('[data-testid="email-frame"][data-ready="true"]')];
          const invalid = canvasElement.querySelector('[data-testid="invalid"]');
          if (invalid) throw new Error(`The comparison shows an error: ${invalid.textContent}`);
          if (ready.length < expected.length) throw new Error(`${ready.length} of ${expected.length} locales rendered`);
          return ready;
        },
        { timeout: 30_000 }
      );
      await expect(frames.map((frame) => frame.contentDocument!.documentElement.getAttribute('lang'))).toEqual(expected);
      await expect(frames.map((frame) => frame.contentDocument!.documentElement.getAttribute('dir'))).toEqual(expected.map(directionOf));
    },
  };
}
