/**
 * Realistic sample payloads per usage type, shaped exactly like Logto's (logto-connectors.md §2.2).
 * Used by `authmail render` without --vars, previews and stories.
 */
import type { Payload } from './schema/payloads.ts';
import type { UsageType } from './schema/usage-types.ts';

const application = {
  id: 'app_4f8k2m9x',
  name: 'acme-console',
  displayName: 'Acme Console',
  branding: {},
};
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
const inviter = { ...user, id: 'u_8cv0q2', name: 'Mei-Ling Chen', primaryEmail: 'meiling@globex.example', username: 'meiling' };

export function sampleVariables<T extends UsageType>(type: T, locale = 'en'): Payload<T> {
  const code = { code: '482915', locale };
  const samples: { [K in UsageType]: Payload<K> } = {
    Register: { ...code, application },
    SignIn: { ...code, application },
    ForgotPassword: { ...code, application },
    MfaVerification: { ...code, application },
    BindNewIdentifier: { ...code, user, application },
    UserPermissionValidation: { ...code, user, application },
    BindMfa: { ...code, user },
    OrganizationInvitation: { organization, inviter, link: 'https://acme.example/invitations/accept?token=inv_3Jd8s2Kq', locale },
    Generic: { code: '482915' },
  };
  return structuredClone(samples[type]) as Payload<T>;
}
