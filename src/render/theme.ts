/**
 * Style tokens derived from the brand, shared by both engines so React and MJML emails match.
 * Dark mode is authored with `prefers-color-scheme` plus Outlook.com's `[data-ogsc]` hook; the
 * block is marked `data-embed` so CSS inlining leaves it in the head.
 */
import type { Brand } from '../schema/brand.ts';
import type { Direction } from './types.ts';

/** System fonts only (no downloads) covering Latin, Cyrillic, Thai, CJK and Arabic scripts. */
export const fontFamily = [
  '-apple-system', 'BlinkMacSystemFont', "'Segoe UI'", 'Roboto', "'Helvetica Neue'", 'Arial',
  "'Noto Sans'", "'Noto Sans Thai'", "'Leelawadee UI'", "'Noto Sans Arabic'", 'Tahoma',
  "'PingFang TC'", "'PingFang SC'", "'Hiragino Sans'", "'Microsoft JhengHei'", "'Microsoft YaHei'",
  "'Noto Sans CJK SC'", 'sans-serif',
].join(', ');

export const monoFontFamily = "'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'Courier New', monospace";

export interface Theme {
  fontFamily: string;
  monoFontFamily: string;
  colors: Brand['colors'];
  /** `left` or `right`: the start side for the text direction. */
  align: 'left' | 'right';
  darkModeCss: string;
}

export function themeOf(brand: Brand, dir: Direction): Theme {
  const c = brand.colors;
  const dark = `
      .am-bg { background-color: ${c.darkBackground} !important; }
      .am-card { background-color: ${c.darkSurface} !important; border-color: ${c.darkSurface} !important; }
      .am-text { color: ${c.darkText} !important; }
      .am-muted { color: ${c.darkMuted} !important; }
      .am-code { background-color: ${c.darkBackground} !important; color: ${c.darkText} !important; border-color: ${c.darkMuted} !important; }
      .am-link { color: ${c.darkText} !important; }`;
  const darkModeCss = `
    :root { color-scheme: light dark; supported-color-schemes: light dark; }
    @media (prefers-color-scheme: dark) {${dark}
      .am-logo-light { display: none !important; }
      .am-logo-dark { display: block !important; max-height: none !important; overflow: visible !important; }
    }
    ${dark.trim().split('\n').map((line) => `[data-ogsc] ${line.trim()}`).join('\n    ')}
    @media only screen and (max-width: 620px) {
      .am-card { padding: 24px 16px !important; }
      .am-code { font-size: 28px !important; letter-spacing: 6px !important; }
    }`;
  return { fontFamily, monoFontFamily, colors: c, align: dir === 'rtl' ? 'right' : 'left', darkModeCss };
}
