/**
 * `authmail.check.json`: the thresholds `authmail check` enforces. Every field has a default,
 * so the file is optional and may set only what it changes.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { parseJsonText } from '../json-text.ts';
import { contentRuleIds, type ContentRule } from '../render/lint.ts';
import { sizeBudget } from '../render/size.ts';
import { clientFamilyIds } from './client-families.ts';

export const defaultCheckConfigFile = 'authmail.check.json';

const level = z.enum(['error', 'warning', 'off']);
const percent = z.number().min(0).max(100);

/** A host name as a link has it: `status.acme.com` (no scheme, no path). */
const hostName = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'must be a host name such as status.acme.com');

/** A rule's level, given as a level or as `{ level, … }`; absent: on. */
const levelOf = (value: string | { level: string } | undefined) =>
  ((typeof value === 'object' ? value.level : value) ?? 'error') as 'error' | 'warning' | 'off';

/** A record's keys must be among `valid`: an unknown one is an issue naming it and listing the valid ones. */
function onlyKeys(valid: readonly string[], [one, many]: [string, string]) {
  return (ctx: { value: Record<string, unknown>; issues: z.core.$ZodRawIssue[] }) => {
    const unknown = Object.keys(ctx.value).filter((key) => !valid.includes(key));
    if (unknown.length)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `unknown ${unknown.length === 1 ? one : many} ${unknown.join(', ')} (valid: ${valid.join(', ')})`,
      });
  };
}

export const checkConfigSchema = z
  .object({
    size: z
      .object({
        /** HTML bytes over this are a warning (default 80 KB). */
        warnBytes: z.number().int().positive().default(sizeBudget.warnBytes),
        /** HTML bytes over this fail (default 102 KB, where Gmail clips). */
        failBytes: z.number().int().positive().default(sizeBudget.failBytes),
      })
      .strict()
      .prefault({})
      .refine((size) => size.warnBytes <= size.failBytes, { message: 'warnBytes must not exceed failBytes' }),
    htmlCheck: z
      .object({
        /** Minimum Mailpit overall "supported" %. */
        minSupported: percent.default(75),
        /** Minimum per-family supported % (derived, see src/inbox/html-check.ts), e.g. { "gmail": 50 }. */
        families: z.record(z.string(), percent).default({}),
      })
      .strict()
      .prefault({}),
    compatibility: z
      .object({
        /**
         * Minimum supported % for every client family (caniemail data, offline; see
         * src/check/compatibility.ts). The shipped templates' lowest family scores about 55%.
         */
        minSupported: percent.default(50),
        /** Per-family minimums over minSupported, e.g. { "outlook": 65 }; the keys are caniemail's families. */
        families: z
          .record(z.string(), percent)
          .default({})
          .check(onlyKeys(clientFamilyIds, ['client family', 'client families'])),
      })
      .strict()
      .prefault({}),
    /** html-validate's structural findings (a block element in a table row group, an invalid attribute value). */
    htmlValidate: level.default('error'),
    spamAssassin: z
      .object({
        /**
         * A SpamAssassin score over this fails (when Mailpit runs with SpamAssassin). SpamAssassin calls
         * 5 spam; the margin is for the network tests a receiver adds (blocklists, SPF, DKIM), which
         * the local spamd skips.
         */
        maxScore: z.number().default(3),
      })
      .strict()
      .prefault({}),
    /** Links Mailpit could not reach. Offline CI cannot resolve public hosts, hence a warning by default. */
    brokenLinks: level.default('warning'),
    /**
     * A key an email looks up that its locale lacks (the email shows English there): reported once
     * per locale and key. A warning by default: the email still works, in part in English.
     */
    missingTranslations: level.default('warning'),
    /** The rest of the translation review: extra keys, wrong `{{variables}}`, markup, text left in English, stray plural forms. */
    translations: level.default('error'),
    /**
     * The auth-email content rules (render/lint.ts `contentRules`), by id: each on (`error`) unless
     * set here. `foreign-link` also takes `{ "level": …, "hosts": [...] }`: hosts its links may go
     * to besides the brand's (and their subdomains).
     */
    rules: z
      .record(z.string(), z.union([level, z.strictObject({ level: level.default('error'), hosts: z.array(hostName).min(1) })]))
      .default({})
      .check(onlyKeys(contentRuleIds, ['rule id', 'rule ids']))
      .check((ctx) => {
        for (const [id, value] of Object.entries(ctx.value))
          if (typeof value === 'object' && id !== 'foreign-link')
            ctx.issues.push({ code: 'custom', input: value, path: [id], message: 'only foreign-link takes options ({ "level", "hosts" }); give a level' });
      })
      .transform((rules) => ({
        ...(Object.fromEntries(contentRuleIds.map((id) => [id, levelOf(rules[id])])) as Record<ContentRule, z.infer<typeof level>>),
        foreignLinkHosts: ((rules['foreign-link'] as { hosts?: string[] } | undefined)?.hosts ?? []).map((host) => host.toLowerCase()),
      })),
    /** Lint warnings such as color-scheme and table-role. */
    lintWarnings: z.enum(['warning', 'off']).default('warning'),
  })
  .strict();

export type CheckConfig = z.infer<typeof checkConfigSchema>;

export const defaultCheckConfig: CheckConfig = checkConfigSchema.parse({});

export function parseCheckConfig(raw: unknown, source: string): CheckConfig {
  const parsed = checkConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
  // Bad input, like a bad project config: exit 2 (cli/main.ts).
  throw new ConfigError(`Invalid check config ${source}:\n${problems}`);
}

/**
 * Reads the config; an absent file gives the defaults unless it was asked for explicitly
 * (a typo in --config must not silently fall back).
 */
export async function loadCheckConfig(path: string, { explicit }: { explicit: boolean }): Promise<CheckConfig> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) return defaultCheckConfig;
    throw new Error(`Cannot read check config ${path}: ${(error as Error).message}`);
  }
  return parseCheckConfig(parseJsonText(raw, `Check config ${path}`), path);
}
