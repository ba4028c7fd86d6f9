/**
 * The toolbar's globals (Locale, Scheme, Email width, Mode) and how a story resolves them. The
 * generated stories never pin a global (a pinned global greys its toolbar button out and makes
 * Storybook ignore `&globals=` in the URL): Locale and Scheme default to "the story's own", and a
 * choice in the toolbar or the URL overrides it on every story. The email's width is authmail's
 * own global, never Storybook's `viewport`, so choosing it never resizes Storybook's canvas.
 */
import type { RenderMode } from '../render/types.ts';
import { schemes, type Scheme } from './scheme.ts';

/** The Locale / Scheme value meaning "as the story says" (a story's locale, or the default). */
export const storyDefault = 'story';

export interface EmailGlobals {
  locale: string;
  scheme: string;
  /** `375px`: a preset from the toolbar, or any width in `widthRange` from the URL (Storybook makes a bare `480` a number). */
  emailWidth: string;
  mode: string;
}

/** The toolbar's widths (px → what it stands for); the URL may ask for any width in `widthRange`. */
export const emailWidths: Record<string, string> = { '320px': 'small phone', '375px': 'phone', '414px': 'large phone', '600px': 'desktop' };
export const defaultEmailWidth = '600px';
export const widthRange = { min: 200, max: 1200 } as const;
const modes: RenderMode[] = ['value', 'placeholder'];

export interface StoryDefaults {
  locale: string;
  scheme: Scheme;
}

export type ResolvedGlobals = { ok: true; locale: string; scheme: Scheme; width: number; mode: RenderMode } | { ok: false; problems: string[] };

/** The story's effective locale, scheme, width and mode; a bad value names itself and the valid choices. */
export function resolveGlobals(globals: Partial<EmailGlobals>, story: StoryDefaults, locales: readonly string[]): ResolvedGlobals {
  const problems: string[] = [];
  const locale = !globals.locale || globals.locale === storyDefault ? story.locale : globals.locale;
  if (!locales.includes(locale)) problems.push(`Locale "${locale}" is not one of this project's locales: ${locales.join(', ')}.`);
  const scheme = !globals.scheme || globals.scheme === storyDefault ? story.scheme : globals.scheme;
  if (!schemes.includes(scheme as Scheme)) problems.push(`Scheme "${scheme}" is not one of: ${schemes.join(', ')}.`);
  const widthText = String(globals.emailWidth ?? defaultEmailWidth);
  const width = Number(widthText.replace(/px$/, ''));
  if (!/^\d+(px)?$/.test(widthText) || width < widthRange.min || width > widthRange.max) {
    problems.push(
      `Email width "${widthText}" is not a width: choose ${Object.keys(emailWidths).join(', ')} in the toolbar, ` +
        `or any whole number of pixels from ${widthRange.min} to ${widthRange.max} in the URL (&globals=emailWidth:480px).`
    );
  }
  const mode = globals.mode ?? 'value';
  if (!modes.includes(mode as RenderMode)) problems.push(`Mode "${mode}" is not one of: ${modes.join(', ')}.`);
  return problems.length ? { ok: false, problems } : { ok: true, locale, scheme: scheme as Scheme, width, mode: mode as RenderMode };
}
