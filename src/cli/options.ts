/** Option parsing shared by commands: lists, types, locales, code lifetime. Errors name the valid choices. */
import { InvalidArgumentError, Option } from 'commander';
import { checkCodeLifetime, codeLifetimeRule } from '../render/lifetime.ts';
import { resolveLocale, type LocaleCatalog } from '../locales.ts';
import { parseUsageType, usageTypeNames, type UsageType } from '../schema/usage-types.ts';

export const list = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);

export function parseTypes(values: readonly string[] | undefined): UsageType[] {
  if (!values?.length) return [...usageTypeNames];
  return values.map((value) => parseUsageType(value));
}

export function parseLocales(values: readonly string[] | undefined, catalog: LocaleCatalog): string[] {
  if (!values?.length) return [...catalog.keys()];
  return values.map((value) => resolveLocale(value, catalog));
}

export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('must be a positive integer');
  return number;
}

/** `--code-lifetime <seconds>`, defined once for every command that renders. */
export function codeLifetimeOption(): Option {
  return new Option(
    '--code-lifetime <seconds>',
    "seconds a code lives, as the tenant's verificationCodePolicy.expirationDuration: 60-3600 (default: the config's codeLifetime, else 600)"
  ).argParser((value: string) => {
    try {
      return checkCodeLifetime(/^\d+$/.test(value.trim()) ? Number(value) : value);
    } catch {
      throw new InvalidArgumentError(`"${value}" is not ${codeLifetimeRule}.`);
    }
  });
}
