/**
 * What authmail knows about a language, one row each: its tag, whether it is one of Logto's
 * built-in sign-in experience languages (the folders `locales/` ships), its direction, the scripts
 * it is written in beyond Latin/Cyrillic (whose fonts the theme adds) and what separates two
 * sentences on one line. A row leaves out what is the default (`ltr`, no extra script, a space).
 *
 * The built-in rows are Logto's `builtInLanguages` from @logto/phrases-experience@1.15.0
 * (lib/index.js), in its order. That package is only a dev dependency (its peer dependency on zod 3
 * conflicts with our zod 4), so the list is pinned here; a test compares it with the package and
 * keeps `locales/` in step with it.
 * When Logto adds a language, add its row and its folder. The other rows are languages a user's
 * locales folder may add (any tag Logto accepts, src/logto/language-tags.ts) that are not defaults.
 */

/**
 * System fonts per script (nothing is downloaded: many clients block web fonts, and a code must
 * never wait on one), each listing its macOS/iOS, Windows and Android/Linux (Noto) faces. Han
 * fonts differ by region: glyph shapes for SC, TC, HK, JP and KR are not interchangeable.
 */
export const scriptFonts = {
  thai: ["'Thonburi'", "'Leelawadee UI'", "'Noto Sans Thai'", "'Noto Sans Thai UI'"],
  arabic: ["'Geeza Pro'", "'Noto Sans Arabic'", "'Noto Naskh Arabic'", 'Tahoma'],
  sc: ["'PingFang SC'", "'Microsoft YaHei'", "'Noto Sans CJK SC'", "'Noto Sans SC'"],
  tc: ["'PingFang TC'", "'Microsoft JhengHei'", "'Noto Sans CJK TC'", "'Noto Sans TC'"],
  hk: ["'PingFang HK'", "'Microsoft JhengHei'", "'Noto Sans CJK HK'", "'Noto Sans HK'"],
  jp: ["'Hiragino Sans'", "'Hiragino Kaku Gothic ProN'", "'Yu Gothic'", 'Meiryo', "'Noto Sans CJK JP'", "'Noto Sans JP'"],
  kr: ["'Apple SD Gothic Neo'", "'Malgun Gothic'", "'Noto Sans CJK KR'", "'Noto Sans KR'"],
} as const;

export type Script = keyof typeof scriptFonts;
export type Direction = 'ltr' | 'rtl';

export interface Language {
  tag: string;
  /** One of Logto's built-in sign-in experience languages. */
  builtIn?: true;
  dir?: Direction;
  scripts?: readonly Script[];
  /**
   * Chinese and Japanese put no space after a sentence: their full-width punctuation (？。)
   * carries its own space, and an extra one reads as a gap. Other scripts, Korean and Thai
   * included, space.
   */
  sentenceGap?: '';
}

const builtIn = true;
const arabic = { dir: 'rtl', scripts: ['arabic'] } as const;

export const languages = [
  { tag: 'ar', builtIn, ...arabic },
  { tag: 'cs', builtIn },
  { tag: 'de', builtIn },
  { tag: 'en', builtIn },
  { tag: 'es', builtIn },
  { tag: 'es-MX', builtIn },
  { tag: 'fa-IR', builtIn, ...arabic },
  { tag: 'fr', builtIn },
  { tag: 'it', builtIn },
  { tag: 'ja', builtIn, scripts: ['jp'], sentenceGap: '' },
  { tag: 'ko', builtIn, scripts: ['kr'] },
  { tag: 'pl-PL', builtIn },
  { tag: 'pt-PT', builtIn },
  { tag: 'pt-BR', builtIn },
  { tag: 'ru', builtIn },
  { tag: 'th', builtIn, scripts: ['thai'] },
  { tag: 'tr-TR', builtIn },
  { tag: 'uk-UA', builtIn },
  { tag: 'zh-CN', builtIn, scripts: ['sc'], sentenceGap: '' },
  { tag: 'zh-HK', builtIn, scripts: ['hk', 'tc'], sentenceGap: '' },
  { tag: 'zh-TW', builtIn, scripts: ['tc', 'hk'], sentenceGap: '' },
  { tag: 'zh-MO', scripts: ['hk', 'tc'], sentenceGap: '' },
  { tag: 'ur', ...arabic },
  ...['he', 'iw', 'ps', 'ckb', 'sd', 'ug', 'yi', 'dv'].map((tag) => ({ tag, dir: 'rtl' as const })),
] as const satisfies readonly Language[];

/** Logto's built-in sign-in experience languages, the tags `locales/` must use. */
export const logtoLanguages: readonly string[] = languages.filter((language) => 'builtIn' in language).map((language) => language.tag);

export function isLogtoLanguage(tag: string): boolean {
  return logtoLanguages.includes(tag);
}

const primary = (tag: string) => tag.toLowerCase().split('-')[0]!;

/** The row for a tag: the exact tag (any casing), else its language (`fa` → `fa-IR`, `ar-AR` → `ar`, `zh` → `zh-CN`). */
export function languageOf(tag: string): Language {
  const lower = tag.toLowerCase();
  const rows: readonly Language[] = languages;
  return (
    rows.find((row) => row.tag.toLowerCase() === lower) ??
    rows.find((row) => row.tag === primary(tag)) ??
    rows.find((row) => primary(row.tag) === primary(tag)) ?? { tag }
  );
}

export function directionOf(tag: string): Direction {
  return languageOf(tag).dir ?? 'ltr';
}

// Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms.
const rtlLetter = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const strongLetter = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|\p{L}/u;

/**
 * The direction of a text of unknown language (brand data), from its first letter as Unicode's
 * bidi algorithm (and `dir="auto"`) would pick it; undefined when it has no letter.
 */
export function firstStrongDirection(text: string): Direction | undefined {
  const letter = strongLetter.exec(text)?.[0];
  if (letter === undefined) return undefined;
  return rtlLetter.test(letter) ? 'rtl' : 'ltr';
}
