/**
 * The project config file's shape (`authmail.config.ts`, `.mts`, `.js`, `.mjs` or `.json`), as a
 * user writes it: paths are relative to the file, every key is optional. load.ts validates a file
 * against it and resolve.ts turns the result into a ProjectConfig with absolute paths.
 */
import { z } from 'zod';
import { payloadSchemas, parseUsageType, type Payload, type ShortName, type UsageType } from '../schema/usage-types.ts';

/** Logto's default verification code lifetime (seconds), and the range authmail accepts. */
export const codeLifetimeRange = { min: 60, max: 3600, default: 600 } as const;
export const defaultOutDir = 'out';

const units = { s: 1, m: 60, h: 3600 } as const;

/** Seconds as a number (`300`) or a string with one unit (`'300s'`, `'5m'`, `'1h'`). */
const codeLifetime = z
  .union([z.number(), z.string().regex(/^\d+\s*[smh]?$/, "must be seconds (300) or a duration like '300s', '5m' or '1h'")])
  .transform((value) => {
    if (typeof value === 'number') return value;
    const [, amount, unit = 's'] = /^(\d+)\s*([smh]?)$/.exec(value)!;
    return Number(amount) * units[(unit || 's') as keyof typeof units];
  })
  .pipe(
    z
      .number()
      .int('must be a whole number of seconds')
      .min(codeLifetimeRange.min, `must be at least ${codeLifetimeRange.min} seconds`)
      .max(codeLifetimeRange.max, `must be at most ${codeLifetimeRange.max} seconds`)
  );

const smtpUrl = z.string().refine((value) => /^smtps?:\/\/\S+$/i.test(value) && URL.canParse(value), 'must be an smtp:// or smtps:// URL');
const httpUrl = z.string().refine((value) => /^https?:\/\/\S+$/i.test(value) && URL.canParse(value), 'must be an http:// or https:// URL');

/** Sample payloads by usage type (TemplateType or short name), each checked against its type's schema. */
const samples = z.record(z.string(), z.unknown()).transform((input, ctx) => {
  const out: Samples = {};
  for (const [name, value] of Object.entries(input)) {
    let type: UsageType;
    try {
      type = parseUsageType(name);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: [name], message: (error as Error).message });
      continue;
    }
    const parsed = payloadSchemas[type].safeParse(value);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [name, ...issue.path], message: issue.message });
    else (out as Record<string, unknown>)[type] = parsed.data;
  }
  return out;
});

const shape = {
  /** The project's templates folder. */
  templatesDir: z.string().min(1),
  /** The project's locales folder (`<tag>/email.json`). */
  localesDir: z.string().min(1),
  /** The brand JSON file. */
  brand: z.string().min(1),
  /** The locales to build, check and preview (default: every locale in the catalog). */
  locales: z.array(z.string().min(1)).min(1, 'must name at least one locale'),
  /** The locale of the connector configs and serve's fallback (default `en`). */
  defaultLocale: z.string().min(1),
  /** Where `authmail build` writes and `authmail push` reads (default `out`). */
  outDir: z.string().min(1),
  /** How long a verification code is valid, as the emails say (seconds, 60–3600, default 600). */
  codeLifetime,
  /** Payloads for previews (render without --vars, preview, check, Storybook). */
  samples,
  /** A local Mailpit: where preview/check deliver and `authmail mailpit` listens. */
  mailpit: z.strictObject({ smtp: smtpUrl, api: httpUrl }).partial(),
};

export const configKeys = Object.keys(shape);

export const configSchema = z.strictObject(shape).partial();

export type Samples = { [T in UsageType]?: Payload<T> };

/**
 * What a config file default-exports (the input: `codeLifetime` may be a string). Samples keyed by
 * TemplateType are typed by their payload; short names (`sign-in`) are accepted and checked at load.
 */
export type AuthmailConfig = Omit<z.input<typeof configSchema>, 'samples'> & { samples?: Samples & { [S in ShortName]?: unknown } };
/** The validated file, paths still as written. */
export type ParsedConfig = z.output<typeof configSchema>;
