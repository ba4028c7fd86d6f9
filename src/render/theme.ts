/**
 * Style tokens derived from the brand, shared by both engines so React and MJML emails match.
 * Dark mode is authored with `prefers-color-scheme` plus Outlook.com's `[data-ogsc]` hook; the
 * block is marked `data-embed` so CSS inlining leaves it in the head.
 */
import type { Brand } from '../schema/brand.ts';
import { firstStrongDirection, languageOf, scriptFonts, type Direction, type Script } from '../languages.ts';

/**
 * System fonts only (nothing is downloaded). Latin/Cyrillic/Greek come first from each platform's
 * UI font; then the locale's script fonts (src/languages.ts).
 */
const latin = ['-apple-system', 'BlinkMacSystemFont', "'Segoe UI'", 'Roboto', "'Helvetica Neue'", 'Arial', "'Noto Sans'"];

const allScripts = Object.keys(scriptFonts) as Script[];

/**
 * The font stack for a locale: the UI fonts, then that locale's script fonts. Other scripts (a
 * Thai name in an English email) still render: clients fall back to installed system fonts.
 * Without a locale, every script is listed. The stack is inlined on many elements, so it stays lean.
 */
export function fontFamilyFor(locale?: string): string {
  const scripts = locale === undefined ? allScripts : (languageOf(locale).scripts ?? []);
  return [...new Set([...latin, ...scripts.flatMap((script) => scriptFonts[script]), 'sans-serif'])].join(', ');
}

export const monoFontFamily = "'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'Courier New', monospace";

export interface Theme {
  fontFamily: string;
  monoFontFamily: string;
  colors: Brand['colors'];
  /** `left` or `right`: the start side for the text direction. */
  align: 'left' | 'right';
  /** What separates two sentences on one line (the footer's "Need help? Contact support"). */
  sentenceGap: '' | ' ';
  darkModeCss: string;
  /**
   * The brand's company lines, each with its own direction: brand data is in the brand's language
   * whatever the email's, and "Acme Cloud Ltd." in an RTL paragraph reads ".Acme Cloud Ltd". An
   * explicit dir, not dir="auto", which not every client implements.
   */
  companyLines: readonly { text: string; dir: Direction }[];
}

/** What separates two sentences on one line (src/languages.ts says why it differs). */
export function sentenceGapFor(locale?: string): '' | ' ' {
  return locale === undefined ? ' ' : (languageOf(locale).sentenceGap ?? ' ');
}

export function themeOf(brand: Brand, dir: Direction, locale?: string): Theme {
  const c = brand.colors;
  // Selectors reach the elements that carry the inline colors in both engines: MJML puts mj-body's
  // class on <body> but its background on the article div (inside the main landmark the engine
  // adds: `.am-bg > div > div`), a section's background on its inner table, and mj-text's color on
  // an inner div.
  const darkRules: [selectors: string[], declarations: string][] = [
    [['body', '.am-bg', '.am-bg > div', '.am-bg > div > div'], `background-color: ${c.darkBackground} !important;`],
    [
      ['.am-card', '.am-card > table', '.am-card > table > tbody > tr > td'],
      `background-color: ${c.darkSurface} !important; border-color: ${c.darkSurface} !important;`,
    ],
    [['.am-text', '.am-text > div'], `color: ${c.darkText} !important;`],
    [['.am-muted', '.am-muted > div'], `color: ${c.darkMuted} !important;`],
    [['.am-code'], `background-color: ${c.darkBackground} !important; color: ${c.darkText} !important; border-color: ${c.darkMuted} !important;`],
    [['.am-link'], `color: ${c.darkText} !important;`],
  ];
  const rules = (prefix: string) =>
    darkRules.map(([selectors, declarations]) => `${selectors.map((selector) => prefix + selector).join(', ')} { ${declarations} }`);
  const dark = rules('')
    .map((rule) => `\n      ${rule}`)
    .join('');
  const darkModeCss = `
    :root { color-scheme: light dark; supported-color-schemes: light dark; }
    @media (prefers-color-scheme: dark) {${dark}
      .am-logo-light { display: none !important; }
      .am-logo-dark { display: block !important; max-height: none !important; overflow: visible !important; }
    }
    ${rules('[data-ogsc] ').join('\n    ')}
    @media only screen and (max-width: 620px) {
      .am-card { padding: 24px 16px !important; }
      .am-code { font-size: 28px !important; letter-spacing: 6px !important; }
    }`;
  const companyLines = brand.companyInformation.map((text) => ({ text, dir: firstStrongDirection(text) ?? dir }));
  return {
    fontFamily: fontFamilyFor(locale),
    monoFontFamily,
    colors: c,
    align: dir === 'rtl' ? 'right' : 'left',
    sentenceGap: sentenceGapFor(locale),
    darkModeCss,
    companyLines,
  };
}
