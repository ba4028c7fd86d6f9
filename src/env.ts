/**
 * Settings from environment variables, validated with zod: the one parser every edge (serve,
 * queue, worker) uses, so an empty variable, a bad number and the error's wording are treated
 * alike everywhere. Neutral: it knows no setting of its own.
 */
import { z } from 'zod';
import { ConfigError, formatIssues, issuesOf } from './errors.ts';

/** An optional whole number of milliseconds within bounds; the message names them. */
export const milliseconds = (min: number, max: number) =>
  z.coerce.number().int().min(min, `must be at least ${min} ms`).max(max, `must be at most ${max} ms`).optional();
/** An optional whole number within bounds. */
export const count = (min: number, max: number) => z.coerce.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).optional();

/** The variables `schema` names, validated; empty ones are "unset" (container platforms often define them blank). */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) throw new ConfigError(`Invalid environment:\n${formatIssues(issuesOf(parsed.error))}`);
  return parsed.data;
}
