/**
 * Logto's usage types (`TemplateType` in @logto/connector-kit), one row each: everything authmail
 * knows about a type is in its row, and every other table (schemas, roots, files, samples) is
 * derived from these rows. A test checks the types against the kit's enum.
 *
 * `alwaysSent` matters for placeholder mode: Logto leaves `{{root.x}}` literal when `root` is
 * missing, so a compiled template may only use roots Logto sends on every path. `callerSupplied`
 * are roots the *caller* must supply: only invitations have one, the `link` the Management API
 * caller passes in `messagePayload` (an invitation without a link cannot be accepted); the README
 * says so where it documents invitations. `files` are the templates in templates/: the engine
 * follows the extension (`.tsx` React Email, `.mjml` MJML), the first is the default. `sample` is a
 * realistic payload shaped exactly like Logto's, for `authmail render` without --vars, previews
 * and stories.
 */
import type { z } from 'zod';
import { UnknownUsageTypeError } from '../errors.ts';
import { accountCode, bindMfa, experienceCode, generic, organizationInvitation } from './payloads.ts';

/** Checks a row: its sample must be a payload its schema accepts (as a type). */
const row = <const T extends string, const S extends string, Schema extends z.ZodType>(entry: {
  type: T;
  short: S;
  schema: Schema;
  alwaysSent: readonly string[];
  callerSupplied: readonly string[];
  files: readonly [string, ...string[]];
  sample: z.infer<Schema>;
  /** Most connector guards require the type (logto-connectors.md §3.0). */
  requiredByConnectors?: true;
}) => entry;

const code = '482915';
const locale = 'en';
const application = { id: 'app_4f8k2m9x', name: 'acme-console', displayName: 'Acme Console', branding: {} };
const organization = { id: 'org_7b1c9d', name: 'Globex Research', branding: {} };
const user = {
  id: 'u_29xk3m1p',
  avatar: null,
  name: 'Somchai Wong',
  primaryEmail: 'somchai@example.com',
  primaryPhone: null,
  username: 'somchai',
  profile: { givenName: 'Somchai', familyName: 'Wong' },
};
const inviter = { ...user, id: 'u_8cv0q2', name: 'Mei-Ling Chen', primaryEmail: 'meiling@example.org', username: 'meiling' };
const codeAndLocale = ['code', 'locale'] as const;

export const usageTypes = [
  row({
    type: 'Register',
    requiredByConnectors: true,
    short: 'register',
    schema: experienceCode,
    alwaysSent: codeAndLocale,
    callerSupplied: [],
    files: ['register.tsx'],
    sample: { code, locale, application },
  }),
  row({
    type: 'SignIn',
    requiredByConnectors: true,
    short: 'sign-in',
    schema: experienceCode,
    alwaysSent: codeAndLocale,
    callerSupplied: [],
    files: ['sign-in.tsx'],
    sample: { code, locale, application },
  }),
  row({
    type: 'ForgotPassword',
    requiredByConnectors: true,
    short: 'forgot-password',
    schema: experienceCode,
    alwaysSent: codeAndLocale,
    callerSupplied: [],
    files: ['forgot-password.tsx'],
    sample: { code, locale, application },
  }),
  row({
    type: 'BindNewIdentifier',
    short: 'link',
    schema: accountCode,
    alwaysSent: codeAndLocale,
    callerSupplied: [],
    files: ['link.tsx'],
    sample: { code, locale, user, application },
  }),
  row({
    type: 'OrganizationInvitation',
    short: 'invite',
    schema: organizationInvitation,
    alwaysSent: ['organization'],
    callerSupplied: ['link'],
    files: ['invite.mjml', 'invite.tsx'],
    sample: { organization, inviter, link: 'https://example.com/invitations/accept?token=inv_3Jd8s2Kq', locale },
  }),
  row({
    type: 'UserPermissionValidation',
    short: 'verify',
    schema: accountCode,
    alwaysSent: codeAndLocale,
    callerSupplied: [],
    files: ['verify.tsx', 'verify.mjml'],
    sample: { code, locale, user, application },
  }),
  row({
    type: 'MfaVerification',
    short: 'mfa',
    schema: experienceCode,
    alwaysSent: codeAndLocale,
    callerSupplied: [],
    files: ['mfa.tsx'],
    sample: { code, locale, application },
  }),
  row({
    type: 'BindMfa',
    short: 'bind-mfa',
    schema: bindMfa,
    alwaysSent: codeAndLocale,
    callerSupplied: [],
    files: ['bind-mfa.tsx'],
    sample: { code, locale, user },
  }),
  row({
    type: 'Generic',
    requiredByConnectors: true,
    short: 'generic',
    schema: generic,
    alwaysSent: ['code'],
    callerSupplied: [],
    files: ['generic.tsx'],
    sample: { code },
  }),
] as const;

type Row = (typeof usageTypes)[number];
export type UsageType = Row['type'];
export type ShortName = Row['short'];
type RowOf<T extends UsageType> = Extract<Row, { type: T }>;

export const usageTypeNames: readonly UsageType[] = usageTypes.map((entry) => entry.type);

/** The types most connector guards require (logto-connectors.md §3.0). */
export const requiredByConnectors: readonly UsageType[] = usageTypes.filter((entry) => 'requiredByConnectors' in entry).map((entry) => entry.type);

export function usageTypeOf<T extends UsageType>(type: T): RowOf<T> {
  return usageTypes.find((entry) => entry.type === type) as RowOf<T>;
}

const byType = <V>(pick: (entry: Row) => V) => Object.fromEntries(usageTypes.map((entry) => [entry.type, pick(entry)]));

export const payloadSchemas = byType((entry) => entry.schema) as { [T in UsageType]: RowOf<T>['schema'] };
export type PayloadSchemas = typeof payloadSchemas;
export type Payload<T extends UsageType> = z.infer<PayloadSchemas[T]>;
/** What a caller may pass as the type's variables (zod's input type of its schema). */
export type PayloadInput<T extends UsageType> = z.input<PayloadSchemas[T]>;

/** A usage type as `render` and `renderEmail` accept it: its TemplateType name or its short name. */
export type UsageTypeName = UsageType | ShortName;
/** The usage type a name (TemplateType or short) stands for. */
export type UsageTypeOf<N extends UsageTypeName> = Extract<Row, { type: N } | { short: N }>['type'];

/** Roots present in every payload Logto sends for the type. */
export const alwaysSent = byType((entry) => entry.alwaysSent) as Record<UsageType, readonly string[]>;
/** Roots the caller must supply (see the top of this file). */
export const callerSupplied = byType((entry) => entry.callerSupplied) as Record<UsageType, readonly string[]>;

/** Roots a placeholder-mode (connector) template may reference. */
export function placeholderRoots(type: UsageType): readonly string[] {
  const entry = usageTypeOf(type);
  return [...entry.alwaysSent, ...entry.callerSupplied];
}

/** Accepts `SignIn`, `sign-in` (and any casing of either); throws listing the valid names. */
export function parseUsageType(name: string): UsageType {
  // The request path: Logto sends the exact type name, found without lower-casing every row's.
  const exact = usageTypes.find((entry) => entry.type === name);
  if (exact) return exact.type;
  const wanted = name.trim().toLowerCase();
  const found = usageTypes.find((entry) => entry.type.toLowerCase() === wanted || entry.short === wanted);
  if (!found) {
    const valid = usageTypes.map((entry) => `${entry.type} (${entry.short})`).join(', ');
    throw new UnknownUsageTypeError(`Unknown usage type "${name}". Valid types: ${valid}.`);
  }
  return found.type;
}

export function shortNameOf(type: UsageType): ShortName {
  return usageTypeOf(type).short;
}
