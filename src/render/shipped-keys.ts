// Generated from locales/en/email.json by scripts/generate-reference.ts; do not edit (a unit test compares).
/** The keys of authmail's shipped catalog: `TranslationKeys` (render/types.ts) extends it. */
export interface ShippedTranslationKeys {
  /** Turn on 2-step verification */
  'BindMfa.heading': true;
  /** If you did not ask to set up 2-step verification, you can safely ignore this email. */
  'BindMfa.ignore': true;
  /** Enter the code below to confirm this email address as your 2-step verification method. */
  'BindMfa.intro': true;
  /** Enter the code below to confirm this email address as your 2-step verification method for {{appName}}. */
  'BindMfa.introWithApp': true;
  /** Confirm this email address for 2-step verification. */
  'BindMfa.preheader': true;
  /** {{code}} is your {{brandName}} code to turn on 2-step verification */
  'BindMfa.subject': true;
  /** Confirm this email address */
  'BindNewIdentifier.heading': true;
  /** If you did not ask to use this email address with an account, you can safely ignore this email. It will not be added to any account. */
  'BindNewIdentifier.ignore': true;
  /** Enter the code below to confirm this email address for your account. */
  'BindNewIdentifier.intro': true;
  /** Enter the code below to confirm this email address for your {{appName}} account. */
  'BindNewIdentifier.introWithApp': true;
  /** Confirm this email address to use it with your account. */
  'BindNewIdentifier.preheader': true;
  /** {{code}} is your {{brandName}} email verification code */
  'BindNewIdentifier.subject': true;
  /** Your verification code */
  'common.codeLabel': true;
  /** This code expires in {{count, number}} minute and can be used only once. */
  'common.expiry': true;
  /** Hi {{userName}}, */
  'common.greeting': true;
  /** Need help? */
  'common.help': true;
  /** Contact support */
  'common.helpLink': true;
  /** Never share this code with anyone. {{brandName}} will never ask you for it by phone, chat or email. */
  'common.neverShare': true;
  /** If the button does not work, copy this link into your browser: */
  'common.orCopyLink': true;
  /** This email was sent by {{brandName}}. */
  'common.sentBy': true;
  /** Reset your password */
  'ForgotPassword.heading': true;
  /** If you did not ask to reset your password, you can safely ignore this email. Your password will not change. */
  'ForgotPassword.ignore': true;
  /** We received a request to reset your password. Enter the code below to choose a new one. */
  'ForgotPassword.intro': true;
  /** We received a request to reset your password for {{appName}}. Enter the code below to choose a new one. */
  'ForgotPassword.introWithApp': true;
  /** Enter this code to reset your password. */
  'ForgotPassword.preheader': true;
  /** {{code}} is your {{brandName}} password reset code */
  'ForgotPassword.subject': true;
  /** Your verification code */
  'Generic.heading': true;
  /** If you did not request this code, you can safely ignore this email. */
  'Generic.ignore': true;
  /** Enter the code below to continue. */
  'Generic.intro': true;
  /** Enter the code below to continue in {{appName}}. */
  'Generic.introWithApp': true;
  /** Enter this code to continue. */
  'Generic.preheader': true;
  /** {{code}} is your {{brandName}} verification code */
  'Generic.subject': true;
  /** 2-step verification */
  'MfaVerification.heading': true;
  /** If you did not try to sign in, do not enter the code: someone else may have passed the first step of signing in to your account. Secure your account as soon as possible. */
  'MfaVerification.ignore': true;
  /** Your account uses 2-step verification. Enter the code below to finish signing in. */
  'MfaVerification.intro': true;
  /** Your account uses 2-step verification. Enter the code below to finish signing in to {{appName}}. */
  'MfaVerification.introWithApp': true;
  /** Enter this code to finish signing in. */
  'MfaVerification.preheader': true;
  /** {{code}} is your {{brandName}} 2-step verification code */
  'MfaVerification.subject': true;
  /** Accept invitation */
  'OrganizationInvitation.button': true;
  /** Join {{orgName}} */
  'OrganizationInvitation.heading': true;
  /** If you were not expecting this invitation, you can safely ignore this email. */
  'OrganizationInvitation.ignore': true;
  /** You have been invited to join the organization {{orgName}} on {{brandName}}. */
  'OrganizationInvitation.intro': true;
  /** {{inviterName}} has invited you to join the organization {{orgName}} on {{brandName}}. */
  'OrganizationInvitation.introWithInviter': true;
  /** {{inviterName}} ({{inviterEmail}}) has invited you to join the organization {{orgName}} on {{brandName}}. */
  'OrganizationInvitation.introWithInviterEmail': true;
  /** Ask the person who invited you for the invitation link. */
  'OrganizationInvitation.noLink': true;
  /** Accept the invitation to start collaborating. */
  'OrganizationInvitation.preheader': true;
  /** You are invited to join {{orgName}} on {{brandName}} */
  'OrganizationInvitation.subject': true;
  /** Finish creating your account */
  'Register.heading': true;
  /** If you did not try to create an account, you can safely ignore this email. */
  'Register.ignore': true;
  /** Enter the code below to verify your email address and finish signing up. */
  'Register.intro': true;
  /** Enter the code below to verify your email address and finish signing up for {{appName}}. */
  'Register.introWithApp': true;
  /** Enter this code to finish creating your account. */
  'Register.preheader': true;
  /** {{code}} is your {{brandName}} sign-up code */
  'Register.subject': true;
  /** Sign in to your account */
  'SignIn.heading': true;
  /** If you did not try to sign in, you can safely ignore this email. Someone may have typed your email address by mistake. */
  'SignIn.ignore': true;
  /** Enter the code below to sign in. */
  'SignIn.intro': true;
  /** Enter the code below to sign in to {{appName}}. */
  'SignIn.introWithApp': true;
  /** Enter this code to sign in. */
  'SignIn.preheader': true;
  /** {{code}} is your {{brandName}} sign-in code */
  'SignIn.subject': true;
  /** Verify your identity */
  'UserPermissionValidation.heading': true;
  /** If you did not request this change, do not enter the code: someone else may be signed in to your account. Secure your account as soon as possible. */
  'UserPermissionValidation.ignore': true;
  /** A sensitive change was requested on your account. Enter the code below to verify your identity. */
  'UserPermissionValidation.intro': true;
  /** A sensitive change was requested on your {{appName}} account. Enter the code below to verify your identity. */
  'UserPermissionValidation.introWithApp': true;
  /** Verify your identity to confirm a sensitive change to your account. */
  'UserPermissionValidation.preheader': true;
  /** {{code}} is your {{brandName}} identity verification code */
  'UserPermissionValidation.subject': true;
}
