/**
 * The payload shapes Logto core sends (logto-connectors.md §2.2). Several usage types share one
 * shape; which type gets which is said in the type's row in usage-types.ts.
 */
import { z } from 'zod';
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
export const experienceCode = z.looseObject({
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
export const accountCode = z.looseObject({
  code,
  ...localeFields,
  user: userInfo.optional(),
  application: applicationInfo.optional(),
});

/** BindMfa comes from the experience route (no user) or the Account API (user, no organization). */
export const bindMfa = z.looseObject({
  code,
  ...localeFields,
  user: userInfo.optional(),
  application: applicationInfo.optional(),
  organization: organizationInfo.optional(),
});

/**
 * Organization invitations: core builds `organization` and `inviter` (when inviterId is set), then
 * spreads the Management API caller's `messagePayload` on top (`link`, `locale`, anything else).
 * Logto never builds `link`; its row in usage-types.ts lists it as caller-supplied.
 */
export const organizationInvitation = z.looseObject({
  organization: organizationInfo,
  inviter: userInfo.optional(),
  link: z
    .url({ protocol: /^https?$/ })
    .max(logtoLimits.url)
    .optional(),
  locale: locale.optional(),
  uiLocales,
});

/**
 * Generic: Management API `POST /api/verification-codes` sends `{ code }` only; the connector test
 * endpoint sends `{ code: '000000', locale? }`. Generic is also Logto's fallback for every type.
 */
export const generic = z.looseObject({
  code,
  locale: locale.optional(),
  uiLocales,
});
