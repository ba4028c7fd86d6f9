/**
 * Logto's built-in sign-in experience languages: the tags Logto resolves a user's language to, so
 * the tags `locales/` must use. Copied verbatim (order included) from `builtInLanguages` in
 * @logto/phrases-experience@1.15.0 (lib/index.js). That package is not a dependency: its peer
 * dependency on zod 3 conflicts with our zod 4, so the list is pinned here and a test keeps
 * `locales/` in step with it. When Logto adds a language, update this list and add its folder.
 */
export const logtoLanguages = [
  'ar',
  'cs',
  'de',
  'en',
  'es',
  'es-MX',
  'fa-IR',
  'fr',
  'it',
  'ja',
  'ko',
  'pl-PL',
  'pt-PT',
  'pt-BR',
  'ru',
  'th',
  'tr-TR',
  'uk-UA',
  'zh-CN',
  'zh-HK',
  'zh-TW',
] as const;

export type LogtoLanguage = (typeof logtoLanguages)[number];

export function isLogtoLanguage(tag: string): tag is LogtoLanguage {
  return (logtoLanguages as readonly string[]).includes(tag);
}
