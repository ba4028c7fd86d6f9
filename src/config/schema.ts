/**
 * The project config file's shape (`authmail.config.ts`, `.mts`, `.js`, `.mjs` or `.json`), as a
 * user writes it: paths are relative to the file, every key is optional. load.ts validates a file
 * against it and turns the result into a ProjectConfig with absolute paths.
 */
import { z } from 'zod';
import type { InvalidInputError } from '../errors.ts';
import { checkCodeLifetime } from '../render/lifetime.ts';
import { payloadSchemas, parseUsageType, type Payload, type ShortName, type UsageType } from '../schema/usage-types.ts';

export const defaultOutDir = 'out';
/** Where push, pull, restore and promote keep snapshots of a tenant (relative to the config file), and how many per tenant. */
export const defaultSnapshotsDir = '.authmail/snapshots';
export const defaultSnapshotsKeep = 20;

const units = { s: 1, m: 60, h: 3600 } as const;

/** Seconds as a number (`300`) or a string with one unit (`'300s'`, `'5m'`, `'1h'`). */
const codeLifetime = z
  .union([z.number(), z.string().regex(/^\d+\s*[smh]?$/, "must be seconds (300) or a duration like '300s', '5m' or '1h'")])
  .transform((value) => {
    if (typeof value === 'number') return value;
    const [, amount, unit = 's'] = /^(\d+)\s*([smh]?)$/.exec(value)!;
    return Number(amount) * units[(unit || 's') as keyof typeof units];
  })
  // The range is render/lifetime.ts's rule, the one every input of the lifetime is checked by.
  .superRefine((value, ctx) => {
    try {
      checkCodeLifetime(value);
    } catch (error) {
      for (const issue of (error as InvalidInputError).issues) ctx.addIssue({ code: 'custom', message: issue.message });
    }
  });

const smtpUrl = z.string().refine((value) => /^smtps?:\/\/\S+$/i.test(value) && URL.canParse(value), 'must be an smtp:// or smtps:// URL');
const hostPort = z.string().regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:783');
const emailAddress = z.email('must be an email address');
const httpUrl = z.string().refine((value) => /^https?:\/\/\S+$/i.test(value) && URL.canParse(value), 'must be an http:// or https:// URL');

/**
 * A Logto tenant by name (`dev`, `prod`): its endpoint only. Credentials never live in the file;
 * they come from LOGTO_<NAME>_APP_ID / LOGTO_<NAME>_APP_SECRET, so the name must make a valid
 * environment variable part.
 */
const logtoEnvironment = z.strictObject({
  endpoint: httpUrl.refine(
    (value) => !/\/\/[^/?#@]*@/.test(value),
    'must not contain credentials (user:password@): they come from LOGTO_<NAME>_APP_ID / LOGTO_<NAME>_APP_SECRET'
  ),
  /** The Management API identifier, when the default for the endpoint is not it (custom domains). */
  resource: httpUrl.optional(),
});
const environmentName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'an environment name is a letter, then letters, digits, "-" or "_"');

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
  /**
   * A local Mailpit: where preview/check deliver and `authmail mailpit` listens; `spamd`: the
   * SpamAssassin spamd (host:port) that check and the Storybook client panel score emails with.
   */
  mailpit: z.strictObject({ smtp: smtpUrl, api: httpUrl, spamd: hostPort }).partial(),
  /**
   * Inboxes the Storybook preview can send its email to (a phone's mail account), by name:
   * `{ phone: { smtp: 'smtps://smtp.example.com', from: 'me@example.com', to: 'me@example.com' } }`.
   * The login never lives in the file: AUTHMAIL_INBOX_<NAME>_SMTP_URL (or _FILE) gives the whole URL.
   */
  inboxes: z.record(
    environmentName,
    z.strictObject({
      smtp: smtpUrl.refine(
        (value) => !/\/\/[^/?#@]*@/.test(value),
        'must not contain credentials (user:password@): set the whole URL in AUTHMAIL_INBOX_<NAME>_SMTP_URL or AUTHMAIL_INBOX_<NAME>_SMTP_URL_FILE'
      ),
      from: emailAddress,
      to: emailAddress,
    })
  ),
  /** Named Logto tenants for `--env` and `promote`: `{ dev: { endpoint }, prod: { endpoint } }`. */
  logto: z.record(environmentName, logtoEnvironment),
  /** Snapshots of tenants: folder (default `.authmail/snapshots`) and how many to keep per tenant (default 20). */
  snapshots: z.strictObject({ dir: z.string().min(1), keep: z.number().int().min(1).max(10_000) }).partial(),
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
