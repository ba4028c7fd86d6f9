/** Small, hand-made placeholder-mode emails and a target context: fast, and easy to read in assertions. */
import { readFileSync } from 'node:fs';
import type { RenderedEmail } from '../../src/render/types.ts';
import { parseBrand, type Brand, type BrandInput } from '../../src/schema/brand.ts';
import { usageTypeNames, type UsageType } from '../../src/schema/usage-types.ts';
import type { TargetContext } from '../../src/targets/types.ts';

export const sampleBrandInput = JSON.parse(readFileSync(new URL('../../brands/sample.json', import.meta.url), 'utf8')) as BrandInput;

export function brandWith(overrides: Partial<BrandInput> = {}): Brand {
  return parseBrand({ ...sampleBrandInput, ...overrides });
}

export function fakeEmail(type: UsageType, locale: string, overrides: Partial<RenderedEmail> = {}): RenderedEmail {
  return {
    type,
    locale,
    subject: `[${locale}] ${type} {{code}}`,
    preheader: `${type} preheader`,
    html: `<html lang="${locale}"><body><p>${type} in ${locale}: {{code}}</p></body></html>`,
    text: `${type} in ${locale}: {{code}}`,
    placeholders: ['code'],
    lint: [],
    translationKeys: [],
    ...overrides,
  };
}

/** Every type × locale, locales in the order given (like renderAll). */
export function fakeEmails(locales: readonly string[] = ['en', 'th', 'zh-TW'], types: readonly UsageType[] = usageTypeNames): RenderedEmail[] {
  return locales.flatMap((locale) => types.map((type) => fakeEmail(type, locale)));
}

export function contextFor(overrides: Partial<TargetContext> = {}): TargetContext {
  return { brand: brandWith(), defaultLocale: 'en', locales: ['en', 'th', 'zh-TW'], ...overrides };
}

/** The types in Logto's order, as every connector target must list them. */
export const allTypes = [...usageTypeNames];
