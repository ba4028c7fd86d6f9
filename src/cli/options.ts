/**
 * Options shared by commands, each defined once: lists, usage types, code lifetime. Errors name
 * the valid choices (commander exits 2 for them, see cli/main.ts).
 */
import { InvalidArgumentError, Option } from 'commander';
import { checkCodeLifetime, codeLifetimeRule } from '../render/lifetime.ts';

export const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** `-t, --types <list>`: checked against the usage types by the setup chain (project/setup.ts), which names the valid ones. */
export function typesOption(): Option {
  return new Option('-t, --types <list>', 'comma-separated usage types (TemplateType or short name); default all').argParser(list);
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
