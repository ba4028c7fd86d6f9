/** A type's sample payload (its row in schema/usage-types.ts) in a given locale. */
import { usageTypeOf, type Payload, type UsageType } from './schema/usage-types.ts';

/** A fresh copy of the type's sample, in `locale` when the type carries one. */
export function sampleVariables<T extends UsageType>(type: T, locale = 'en'): Payload<T> {
  const sample = structuredClone(usageTypeOf(type).sample) as Record<string, unknown>;
  if ('locale' in sample) sample.locale = locale;
  return sample as Payload<T>;
}
