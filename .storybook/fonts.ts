/**
 * The fonts the screenshot baselines were made with. `fonts.conf` is the only font configuration
 * Chromium gets in the Storybook tests; `checkFonts` (the storybook project's globalSetup) asks
 * fontconfig, under that same file, how our font stacks resolve, and stops the run before the
 * first screenshot when they resolve otherwise: a baseline compared with other fonts fails by a
 * few pixels of line height and says nothing about why.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fontFamilyFor, monoFontFamily } from '../src/render/theme.ts';

export const fontconfigFile = fileURLToPath(new URL('fonts.conf', import.meta.url));

/**
 * The families in our stacks that resolve to a declared font, and that font. Every other family
 * in the stacks (Segoe UI, PingFang TC, Tahoma…) must be absent, so Chromium moves on to the next.
 */
export const expectedFonts: Readonly<Record<string, string>> = {
  Arial: 'Liberation Sans',
  'Noto Sans': 'Noto Sans',
  'Noto Sans Thai': 'Noto Sans Thai',
  'Noto Sans Arabic': 'Noto Sans Arabic',
  'Noto Naskh Arabic': 'Noto Naskh Arabic',
  'Noto Sans CJK SC': 'Noto Sans CJK SC',
  'Noto Sans CJK TC': 'Noto Sans CJK TC',
  'Noto Sans CJK HK': 'Noto Sans CJK HK',
  'Noto Sans CJK JP': 'Noto Sans CJK JP',
  'Noto Sans CJK KR': 'Noto Sans CJK KR',
  'sans-serif': 'Liberation Sans',
  'Times New Roman': 'Liberation Serif',
  serif: 'Liberation Serif',
  'Liberation Mono': 'Liberation Mono',
  'Courier New': 'Liberation Mono',
  monospace: 'Liberation Mono',
};

const installHint = '`node scripts/install-chromium.mjs` (as root) or `npm test` installs what is missing';

/**
 * Every family our templates name, in stack order (all scripts' stacks, then the code's), and
 * Chromium's default font, which shows what no stack covers (an MJML email's image alt text).
 */
export function stackFamilies(): string[] {
  const families = [fontFamilyFor(), monoFontFamily, "'Times New Roman', serif"].flatMap((stack) => stack.split(','));
  return [...new Set(families.map((family) => family.trim().replace(/^'(.*)'$/, '$1')))];
}

/** The font files fonts.conf accepts (its `<acceptfont>` globs are exact paths). */
export function declaredFiles(conf: string): string[] {
  const accepted = /<acceptfont>([\s\S]*?)<\/acceptfont>/.exec(conf)?.[1] ?? '';
  return [...accepted.matchAll(/<glob>([^<]+)<\/glob>/g)].map((match) => match[1]!.trim());
}

function fontconfig(conf: string, command: 'fc-list' | 'fc-match', args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, FONTCONFIG_FILE: conf } });
  if (result.error) throw new Error(`fonts: cannot run ${command} (Debian package fontconfig): ${result.error.message}; ${installHint}`);
  if (result.status !== 0) throw new Error(`fonts: ${command} ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

/** fontconfig's pattern syntax gives `-`, `:`, `,` and `\` a meaning; a family name escapes them. */
const asPattern = (family: string) => family.replace(/[-:,\\]/g, (char) => `\\${char}`);

/** The problems, one line each; empty when the fonts are the declared set. */
export function fontProblems(conf = fontconfigFile): string[] {
  const problems: string[] = [];
  const seen = new Set(fontconfig(conf, 'fc-list', ['--format', '%{file}\n']).split('\n').filter(Boolean));
  const declared = declaredFiles(readFileSync(conf, 'utf8'));
  const missing = declared.filter((file) => !seen.has(file));
  if (missing.length) problems.push(`declared fonts missing: ${missing.join(', ')}; ${installHint}`);
  const undeclared = [...seen].filter((file) => !declared.includes(file));
  if (undeclared.length) problems.push(`fontconfig sees fonts that fonts.conf does not declare: ${undeclared.join(', ')}`);

  for (const family of stackFamilies()) {
    const resolved = fontconfig(conf, 'fc-match', ['--format', '%{family[0]}', asPattern(family)]);
    const expected = expectedFonts[family];
    if (expected !== undefined && resolved !== expected) problems.push(`"${family}" resolved to "${resolved}", expected "${expected}"`);
    if (expected === undefined && resolved.toLowerCase() === family.toLowerCase()) {
      problems.push(`"${family}" resolved to "${resolved}", expected it absent (expectedFonts in .storybook/fonts.ts lists what may resolve)`);
    }
  }
  return problems;
}

/** vitest globalSetup: runs once, before any story renders. */
export default function checkFonts(): void {
  const problems = fontProblems();
  if (problems.length === 0) return;
  throw new Error(
    `The Storybook screenshots need the fonts their baselines were made with (${fontconfigFile}), but:\n` +
      problems.map((problem) => `  - ${problem}`).join('\n') +
      '\nIf the font set changed on purpose, update fonts.conf and expectedFonts, then regenerate the baselines: npm run test:update-screenshots'
  );
}
