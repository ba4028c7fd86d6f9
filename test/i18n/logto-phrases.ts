/**
 * Logto's sign-in experience phrases, read from the exact @logto/phrases-experience version Logto
 * ships (a devDependency), so the emails' terms are checked against what the user has just seen.
 */
import resource from '@logto/phrases-experience';

/** The phrase at a dot path under `translation` (`mfa.verify_mfa_factors`), in Logto's language `tag`. */
export function logtoPhrase(tag: string, key: string): string {
  const locale = (resource as unknown as Record<string, { translation: unknown } | undefined>)[tag];
  if (!locale) throw new Error(`@logto/phrases-experience has no language ${tag}`);
  const phrase = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], locale.translation);
  if (typeof phrase !== 'string') throw new Error(`@logto/phrases-experience ${tag} has no phrase ${key}`);
  return phrase;
}
