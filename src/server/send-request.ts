/**
 * The body Logto's HTTP email connector posts: `{ to, type, payload, ip? }` — the raw
 * SendMessageData (logto-connectors.md §2.1, §3.7). Only the envelope is checked here; the
 * payload is validated against the usage type's schema by the renderer.
 */
import { z } from 'zod';
import { UnknownUsageTypeError } from '../errors.ts';
import { parseUsageType, type UsageType } from '../schema/usage-types.ts';

export const sendRequestSchema = z.object({
  // One plain address: no display name, list or group, so nothing else can reach the To header.
  to: z.email('must be one email address').max(254),
  type: z.string().min(1).max(100),
  payload: z.record(z.string(), z.unknown()),
  ip: z.string().max(100).optional(),
});

export type SendRequest = z.infer<typeof sendRequestSchema>;

/**
 * Logto's connectors fall back to the Generic template for a type they have no template for
 * (`getConfigTemplateByType`); an unknown or future type does the same here.
 */
export function usageTypeOf(type: string): UsageType {
  try {
    return parseUsageType(type);
  } catch (error) {
    if (error instanceof UnknownUsageTypeError) return 'Generic';
    throw error;
  }
}

/** `payload.locale` when it is a string; anything else leaves the choice to the default. */
export function requestedLocale(payload: Record<string, unknown>): string | undefined {
  return typeof payload.locale === 'string' ? payload.locale : undefined;
}
