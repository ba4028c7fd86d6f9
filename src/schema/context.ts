/**
 * The context objects Logto core puts into a send payload
 * (packages/core/src/utils/connectors/types.ts; logto-connectors.md §2.2).
 * Objects are loose: Logto may add keys, and unknown keys must not fail validation.
 */
import { z } from 'zod';

/**
 * Length caps from Logto's own columns (logto-io/logto packages/schemas/tables/*.sql), so any value
 * Logto can store passes and nothing longer does (a name of 40,000 characters made a 40 KB
 * Subject). Counted as Postgres counts varchar(n): in characters (code points), not UTF-16 units.
 * - ids: users.id varchar(12), applications.id and organizations.id varchar(21); 128 leaves room
 * - applications.name, application_sign_in_experiences.display_name: varchar(256)
 * - organizations.name, users.name, username, primary_email, primary_phone: varchar(128)
 * - users.avatar and every stored URL (terms_of_use_url, cimd_client_id…): varchar(2048); Logto's
 *   branding logo URLs (jsonb) get the same cap
 * - users.profile is jsonb without a per-field limit: its fields get the longest display-name
 *   column's 256
 */
export const logtoLimits = { id: 128, appName: 256, name: 128, url: 2048, profileField: 256 } as const;

/** A string of at most `max` characters (code points, as Postgres counts them). */
export const upTo = (max: number) =>
  z.string().refine((value) => value.length <= max || [...value].length <= max, { message: `must be at most ${max} characters`, abort: true });

const httpUrl = z.url({ protocol: /^https?$/ }).max(logtoLimits.url, `must be at most ${logtoLimits.url} characters`);

export const brandingInfo = z.looseObject({
  logoUrl: httpUrl.optional(),
  darkLogoUrl: httpUrl.optional(),
  favicon: httpUrl.optional(),
  darkFavicon: httpUrl.optional(),
});

export const applicationInfo = z.looseObject({
  id: upTo(logtoLimits.id),
  name: upTo(logtoLimits.appName),
  displayName: upTo(logtoLimits.appName).nullish(),
  branding: brandingInfo.nullish(),
});

export const organizationInfo = z.looseObject({
  id: upTo(logtoLimits.id),
  name: upTo(logtoLimits.name),
  branding: brandingInfo.nullish(),
});

const profileText = upTo(logtoLimits.profileField).optional();

const address = z.looseObject({
  formatted: profileText,
  streetAddress: profileText,
  locality: profileText,
  region: profileText,
  postalCode: profileText,
  country: profileText,
});

export const userProfile = z.looseObject({
  familyName: profileText,
  givenName: profileText,
  middleName: profileText,
  nickname: profileText,
  preferredUsername: profileText,
  profile: profileText,
  website: profileText,
  gender: profileText,
  birthdate: profileText,
  zoneinfo: profileText,
  locale: profileText,
  address: address.optional(),
});

/** UserContextInfo: the nullable columns can be null. */
export const userInfo = z.looseObject({
  id: upTo(logtoLimits.id),
  avatar: upTo(logtoLimits.url).nullable(),
  name: upTo(logtoLimits.name).nullable(),
  primaryEmail: upTo(logtoLimits.name).nullable(),
  primaryPhone: upTo(logtoLimits.name).nullable(),
  username: upTo(logtoLimits.name).nullable(),
  profile: userProfile,
});

/** Logto's codes are 6 digits (libraries/passcode.ts); the connector test sends '000000'. */
export const code = z.string().regex(/^\d{6}$/, 'must be the 6-digit code Logto generates');

export type ApplicationInfo = z.infer<typeof applicationInfo>;
export type OrganizationInfo = z.infer<typeof organizationInfo>;
export type UserInfo = z.infer<typeof userInfo>;
