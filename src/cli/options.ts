/** Option parsing shared by commands: lists, types, locales. Errors name the valid choices. */
import { InvalidArgumentError } from 'commander';
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
