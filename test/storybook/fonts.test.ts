/**
 * The font check that runs before the first screenshot (.storybook/fonts.ts), against the real
 * fontconfig and the font packages scripts/install-chromium.mjs installs: it passes on the
 * declared set and names the reason when fonts resolve otherwise.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import checkFonts, { declaredFiles, expectedFonts, fontconfigFile, fontProblems, stackFamilies } from '../../.storybook/fonts.ts';
import { tempFolder } from '../helpers/temp-folder.ts';

const conf = readFileSync(fontconfigFile, 'utf8');
const scratch = tempFolder('authmail-fonts-');

/** A variant of fonts.conf in the temp folder. */
function variant(name: string, edit: (text: string) => string): string {
  const file = join(scratch(), name);
  const text = edit(conf);
  expect(text).not.toBe(conf);
  writeFileSync(file, text);
  return file;
}

describe('fonts the screenshots use', () => {
  it('resolve as the baselines were made, on the declared files only', () => {
    expect(fontProblems()).toEqual([]);
    expect(() => checkFonts()).not.toThrow();
  });

  it('check every family of the stacks, and each expected one is in a stack', () => {
    const families = stackFamilies();
    expect(families).toEqual(
      expect.arrayContaining(['Arial', 'Noto Sans Thai', 'Noto Sans Arabic', 'Noto Sans CJK TC', 'Liberation Mono', 'sans-serif', 'serif'])
    );
    for (const family of Object.keys(expectedFonts)) expect(families).toContain(family);
    expect(declaredFiles(conf).length).toBeGreaterThan(0);
  });

  it('fail naming the family and both fonts when Latin resolves to another font', () => {
    const withoutLiberation = variant('no-liberation.conf', (text) => text.replace(/^\s*<glob>[^<]*\/Liberation[^<]*<\/glob>\n/gm, ''));
    const problems = fontProblems(withoutLiberation);
    expect(problems).toContain('"Arial" resolved to "Noto Sans", expected "Liberation Sans"');
    expect(problems).toContain('"Liberation Mono" resolved to "Noto Sans", expected "Liberation Mono"');
  });

  it('fail naming the missing file when a declared font is not installed', () => {
    const missing = '/usr/share/fonts/truetype/noto/NotoSansThai-Absent.ttf';
    const withAbsent = variant('absent.conf', (text) => text.replace('<acceptfont>', `<acceptfont>\n      <glob>${missing}</glob>`));
    expect(fontProblems(withAbsent)).toEqual([expect.stringMatching(new RegExp(`^declared fonts missing: ${missing}; .*scripts/install-chromium\\.mjs`))]);
  });

  it('fail when fontconfig would see the rest of the folders (the machine’s other fonts)', () => {
    const everything = variant('everything.conf', (text) => text.replace('<rejectfont><glob>*</glob></rejectfont>', ''));
    expect(fontProblems(everything)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^fontconfig sees fonts that fonts\.conf does not declare: .*NotoSerif-Regular\.ttf/)])
    );
  });
});
