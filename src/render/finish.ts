/**
 * Steps 4–7 of the pipeline, from an engine's HTML to the email: inline CSS, normalise, plain text,
 * lint. Pure: plain data in and out.
 */
import { inlineCss } from './inline-css.ts';
import { lintEmail, type CodeEmailFacts } from './lint.ts';
import { normaliseHtml } from './normalise.ts';
import { listPlaceholders } from './placeholders.ts';
import { toPlainText } from './plain-text.ts';
import type { Direction } from '../languages.ts';
import type { RenderedEmail } from './types.ts';
import type { UsageType } from '../schema/usage-types.ts';

/** What the engine produced for one email, with what steps 4–7 need to know about it. */
export interface RawEmail {
  type: UsageType;
  locale: string;
  dir: Direction;
  subject: string;
  preheader: string;
  /** The engine's HTML. */
  html: string;
  /** Placeholder roots the email may use (the roots of its variables). */
  allowedRoots: string[];
  /** Translation keys the render looked up, sorted. */
  translationKeys: string[];
  /** For a type that carries a code: what its content rules check (see lint.ts). */
  codeEmail?: CodeEmailFacts;
}

export function finishEmail({ type, locale, dir, subject, preheader, html: raw, allowedRoots, translationKeys, codeEmail }: RawEmail): RenderedEmail {
  const html = normaliseHtml(inlineCss(raw), { lang: locale, dir });
  const text = toPlainText(html);
  return {
    type,
    locale,
    subject,
    preheader,
    html,
    text,
    placeholders: listPlaceholders(subject, html, text),
    lint: lintEmail({ subject, html, text, lang: locale, dir, allowedRoots, codeEmail }),
    translationKeys,
  };
}
