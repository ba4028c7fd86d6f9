/** A type's sample payload (its row in schema/usage-types.ts, or the project config's) in a given locale. */
import type { Samples } from './config/schema.ts';
import { usageTypeOf, type Payload, type UsageType } from './schema/usage-types.ts';

/** A fresh copy of the type's sample (the project's from `samples` when it has one), in `locale` when the type carries one. */
export function sampleVariables<T extends UsageType>(type: T, locale = 'en', samples: Samples = {}): Payload<T> {
  const sample = structuredClone(samples[type] ?? usageTypeOf(type).sample) as Record<string, unknown>;
  if ('locale' in sample) sample.locale = locale;
  return sample as Payload<T>;
}
