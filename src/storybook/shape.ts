/**
 * The key under which the pipeline caches a value-mode compile: the payload's *shape* (which
 * leaves are present), not its values. Same function on both sides, so a static bundle's entries
 * are found by the browser and an edited value reuses its compile.
 */
import { valueVariables } from '../render/variables.ts';
import type { UsageType } from '../schema/usage-types.ts';

export function shapeKey(type: UsageType, payload: Record<string, unknown>): string {
  return JSON.stringify(valueVariables(type, payload));
}
