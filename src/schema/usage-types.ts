/**
 * Logto's usage types (`TemplateType` in @logto/connector-kit) and our short names.
 * Kept as literals so importing them costs nothing; a test checks them against the kit's enum.
 */
export const usageTypes = [
  { type: 'Register', short: 'register' },
  { type: 'SignIn', short: 'sign-in' },
  { type: 'ForgotPassword', short: 'forgot-password' },
  { type: 'BindNewIdentifier', short: 'link' },
  { type: 'OrganizationInvitation', short: 'invite' },
  { type: 'UserPermissionValidation', short: 'verify' },
  { type: 'MfaVerification', short: 'mfa' },
  { type: 'BindMfa', short: 'bind-mfa' },
  { type: 'Generic', short: 'generic' },
] as const;

export type UsageType = (typeof usageTypes)[number]['type'];
export type ShortName = (typeof usageTypes)[number]['short'];

export const usageTypeNames: readonly UsageType[] = usageTypes.map((entry) => entry.type);

/** The four types most connector guards require (logto-connectors.md §3.0). */
export const requiredByConnectors = ['Register', 'SignIn', 'ForgotPassword', 'Generic'] as const satisfies readonly UsageType[];

/** Accepts `SignIn`, `sign-in` (and any casing of either); throws listing the valid names. */
export function parseUsageType(name: string): UsageType {
  const wanted = name.trim().toLowerCase();
  const found = usageTypes.find((entry) => entry.type.toLowerCase() === wanted || entry.short === wanted);
  if (!found) {
    const valid = usageTypes.map((entry) => `${entry.type} (${entry.short})`).join(', ');
    throw new UnknownUsageTypeError(`Unknown usage type "${name}". Valid types: ${valid}.`);
  }
  return found.type;
}

export function shortNameOf(type: UsageType): ShortName {
  return usageTypes.find((entry) => entry.type === type)!.short;
}

export class UnknownUsageTypeError extends Error {
  override name = 'UnknownUsageTypeError';
}
