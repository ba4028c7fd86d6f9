import { describe, expect, it } from 'vitest';
import { firstStrongDirection } from '../../src/languages.ts';
import { themeOf } from '../../src/render/theme.ts';
import { defaultBrandFile, loadBrand } from '../../src/schema/brand.ts';

describe('firstStrongDirection', () => {
  it('takes the direction of the first letter, skipping digits and punctuation', () => {
    expect(firstStrongDirection('Acme Cloud Ltd.')).toBe('ltr');
    expect(firstStrongDirection('100 Market Street')).toBe('ltr');
    expect(firstStrongDirection('١٠٠ شارع السوق')).toBe('rtl');
    expect(firstStrongDirection('(03) שלום Acme')).toBe('rtl');
    expect(firstStrongDirection('شركة Acme')).toBe('rtl');
    expect(firstStrongDirection('+1 (555) 010-0000')).toBeUndefined();
  });

  it("gives each company line its own direction in the theme, the email's where a line has no letter", async () => {
    const brand = { ...(await loadBrand(defaultBrandFile)), companyInformation: ['Acme Cloud Ltd.', 'شركة أكمي', '+1 555 0100'] };
    expect(themeOf(brand, 'rtl', 'ar').companyLines).toEqual([
      { text: 'Acme Cloud Ltd.', dir: 'ltr' },
      { text: 'شركة أكمي', dir: 'rtl' },
      { text: '+1 555 0100', dir: 'rtl' },
    ]);
  });
});
