/**
 * How long a verification code lives, as the email states it. Logto's
 * `verificationCodePolicy.expirationDuration` is a tenant setting in whole seconds, 60–3600,
 * 600 by default; the payload does not carry it, so the project configures it (`codeLifetime`).
 */
import { InvalidInputError } from '../errors.ts';

export const defaultCodeLifetime = 600;
export const minCodeLifetime = 60;
export const maxCodeLifetime = 3600;

export const codeLifetimeRule = `a whole number of seconds from ${minCodeLifetime} to ${maxCodeLifetime} (Logto's verificationCodePolicy.expirationDuration; default ${defaultCodeLifetime})`;

/** The lifetime itself, or an error naming the bad value and the rule. */
export function checkCodeLifetime(value: unknown, path = 'codeLifetime'): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= minCodeLifetime && value <= maxCodeLifetime) return value;
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  throw new InvalidInputError('code lifetime', [{ path, message: `${shown} is not ${codeLifetimeRule}` }]);
}

/** The message key templates ask for; the pipeline answers it with the sentence for the lifetime. */
export const expiryKey = 'common.expiry';

/**
 * The pluralised message and count that state a lifetime. Whole minutes are said in minutes
 * (the default and what tenants set in practice); anything else in seconds ("90 seconds"), never
 * rounded: rounding up would promise time the code does not have, and rounding down would say
 * "1 minute" for a code that lives 90 seconds. Either way the sentence is true.
 */
export function expiryMessage(lifetime: number): { key: string; count: number } {
  return lifetime % 60 === 0 ? { key: expiryKey, count: lifetime / 60 } : { key: `${expiryKey}Seconds`, count: lifetime };
}
