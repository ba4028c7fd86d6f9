/**
 * One zod schema per usage type, mirroring what Logto core puts in `payload` for it
 * (logto-connectors.md §2.2), plus the roots a connector template may rely on.
 *
 * `alwaysSent` matters for placeholder mode: Logto leaves `{{root.x}}` literal when `root`
 * is missing, so a compiled template may only use roots Logto sends on every path.
 */
import { z } from 'zod';
import type { UsageType } from './usage-types.ts';
import { applicationInfo, code, logtoLimits, organizationInfo, userInfo } from './context.ts';

/**
 * The single resolved tag (middleware/koa-email-i18n.ts) and the raw ui_locales string. Caps:
 * 35 characters, the tag length RFC 5646 §4.4.1 asks every implementation to support (Logto's
 * own tags are at most 6); ui_locales, a list of such tags, gets 512.
 */
const locale = z.string().min(1).max(35);
const uiLocales = z.string().max(512).optional();
const localeFields = { locale, uiLocales };

/** Experience API codes: SignIn, Register, ForgotPassword, MfaVerification (verification-code-helpers.ts). */
const experienceCode = z.looseObject({
  code,
  ...localeFields,
  application: applicationInfo.optional(),
  organization: organizationInfo.optional(),
});

/**
 * Account API codes: UserPermissionValidation, BindNewIdentifier (routes/verification/index.ts).
 * Core builds `user` for them, but swallows context-building failures and sends the code anyway
 * (`buildVerificationCodeContext`, libraries/passcode.ts), so `user` can be absent.
 */
const accountCode = z.looseObject({
  code,
  ...localeFields,
  user: userInfo.optional(),
  application: applicationInfo.optional(),
});

/** BindMfa comes from the experience route (no user) or the Account API (user, no organization). */
const bindMfa = z.looseObject({
  code,
  ...localeFields,
  user: userInfo.optional(),
  application: applicationInfo.optional(),
  organization: organizationInfo.optional(),
});

/**
 * Organization invitations: core builds `organization` and `inviter` (when inviterId is set), then
 * spreads the Management API caller's `messagePayload` on top (`link`, `locale`, anything else).
 * Logto never builds `link`; see `callerSupplied` below.
 */
const organizationInvitation = z.looseObject({
  organization: organizationInfo,
  inviter: userInfo.optional(),
  link: z.url({ protocol: /^https?$/ }).max(logtoLimits.url).optional(),
  locale: locale.optional(),
  uiLocales,
});

/**
 * Generic: Management API `POST /api/verification-codes` sends `{ code }` only; the connector test
 * endpoint sends `{ code: '000000', locale? }`. Generic is also Logto's fallback for every type.
 */
const generic = z.looseObject({
  code,
  locale: locale.optional(),
  uiLocales,
});

export const payloadSchemas = {
  Register: experienceCode,
  SignIn: experienceCode,
  ForgotPassword: experienceCode,
  MfaVerification: experienceCode,
  BindNewIdentifier: accountCode,
  UserPermissionValidation: accountCode,
  BindMfa: bindMfa,
  OrganizationInvitation: organizationInvitation,
  Generic: generic,
} as const satisfies Record<UsageType, z.ZodType>;

export type PayloadSchemas = typeof payloadSchemas;
export type Payload<T extends UsageType> = z.infer<PayloadSchemas[T]>;

/** Roots present in every payload Logto sends for the type. */
export const alwaysSent: Record<UsageType, readonly string[]> = {
  Register: ['code', 'locale'],
  SignIn: ['code', 'locale'],
  ForgotPassword: ['code', 'locale'],
  MfaVerification: ['code', 'locale'],
  BindNewIdentifier: ['code', 'locale'],
  UserPermissionValidation: ['code', 'locale'],
  BindMfa: ['code', 'locale'],
  OrganizationInvitation: ['organization'],
  Generic: ['code'],
};

/**
 * Roots the *caller* must supply. Only invitations have one: the Management API caller passes
 * `link` in `messagePayload` (an invitation without a link cannot be accepted). Placeholder mode
 * uses it, and the README says so where it documents invitations.
 */
export const callerSupplied: Record<UsageType, readonly string[]> = {
  Register: [],
  SignIn: [],
  ForgotPassword: [],
  MfaVerification: [],
  BindNewIdentifier: [],
  UserPermissionValidation: [],
  BindMfa: [],
  OrganizationInvitation: ['link'],
  Generic: [],
};

/** Roots a placeholder-mode (connector) template may reference. */
export function placeholderRoots(type: UsageType): readonly string[] {
  return [...alwaysSent[type], ...callerSupplied[type]];
}
