/**
 * The context objects Logto core puts into a send payload
 * (packages/core/src/utils/connectors/types.ts; logto-connectors.md §2.2).
 * Objects are loose: Logto may add keys, and unknown keys must not fail validation.
 */
import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/ });

export const brandingInfo = z.looseObject({
  logoUrl: httpUrl.optional(),
  darkLogoUrl: httpUrl.optional(),
  favicon: httpUrl.optional(),
  darkFavicon: httpUrl.optional(),
});

export const applicationInfo = z.looseObject({
  id: z.string(),
  name: z.string(),
  displayName: z.string().nullish(),
  branding: brandingInfo.nullish(),
});

export const organizationInfo = z.looseObject({
  id: z.string(),
  name: z.string(),
  branding: brandingInfo.nullish(),
});

const address = z.looseObject({
  formatted: z.string().optional(),
  streetAddress: z.string().optional(),
  locality: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});

export const userProfile = z.looseObject({
  familyName: z.string().optional(),
  givenName: z.string().optional(),
  middleName: z.string().optional(),
  nickname: z.string().optional(),
  preferredUsername: z.string().optional(),
  profile: z.string().optional(),
  website: z.string().optional(),
  gender: z.string().optional(),
  birthdate: z.string().optional(),
  zoneinfo: z.string().optional(),
  locale: z.string().optional(),
  address: address.optional(),
});

/** UserContextInfo: the nullable columns can be null. */
export const userInfo = z.looseObject({
  id: z.string(),
  avatar: z.string().nullable(),
  name: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  primaryPhone: z.string().nullable(),
  username: z.string().nullable(),
  profile: userProfile,
});

/** Logto's codes are 6 digits (libraries/passcode.ts); the connector test sends '000000'. */
export const code = z.string().regex(/^\d{6}$/, 'must be the 6-digit code Logto generates');

export type ApplicationInfo = z.infer<typeof applicationInfo>;
export type OrganizationInfo = z.infer<typeof organizationInfo>;
export type UserInfo = z.infer<typeof userInfo>;
