/**
 * The translation keys a template may pass to `ctx.t`, as data and as a TypeScript declaration.
 * Keys are typed by declaration merging: authmail ships `TranslationKeys` with the keys of its own
 * catalog (render/shipped-keys.ts, generated from locales/en by `scripts/generate-reference.ts`), and a
 * project's `authmail-env.d.ts` (written by `authmail types`, and by `authmail init`) adds the keys
 * of the project's own `en` messages. `ctx.t('common.expiryy')` is then a type error.
 */
import { flattenMessages, sourceLocale, type LocaleCatalog, type Messages } from '../locales.ts';
import { expiryKey } from '../render/lifetime.ts';
import { pluralBaseOf, pluralBases } from '../plurals.ts';

/**
 * The keys `ctx.t` accepts, with their English text: every message that is not pluralised, and
 * the expiry sentence (`common.expiry`), the one pluralised message `ctx.t` counts itself (its
 * seconds variant, `common.expirySeconds`, is chosen by the lifetime, never asked for by name).
 */
export function templateKeys(english: Messages): Map<string, string> {
  const flat = flattenMessages(english);
  const bases = pluralBases(flat.keys());
  const keys = new Map<string, string>();
  for (const [key, text] of [...flat].sort(([a], [b]) => a.localeCompare(b, 'en'))) {
    const base = pluralBaseOf(key, bases);
    if (base === undefined) keys.set(key, text);
    else if (base === expiryKey && !keys.has(base)) keys.set(base, text);
  }
  return keys;
}

/** The keys of a project's English messages that authmail does not ship. */
export function projectKeys(catalog: LocaleCatalog, shipped: LocaleCatalog): Map<string, string> {
  const own = templateKeys(catalog.get(sourceLocale) ?? {});
  const known = templateKeys(shipped.get(sourceLocale) ?? {});
  return new Map([...own].filter(([key]) => !known.has(key)));
}

/**
 * A key as a property name. A project's key is any JSON object key (a quote, a backslash, a line
 * break), so one outside the usual characters is written as a JSON string, which is a valid
 * TypeScript string with the same value; the usual ones keep the single quotes of the shipped file.
 */
const propertyName = (key: string) => (/^[\w.-]+$/.test(key) ? `'${key}'` : JSON.stringify(key));

/** One interface member per key, its English text as the doc comment (shown on hover in an editor). */
function members(keys: ReadonlyMap<string, string>, indent: string): string {
  const comment = (text: string) => text.replaceAll('*/', '*\\/').replace(/\s+/g, ' ');
  return [...keys].map(([key, text]) => `${indent}/** ${comment(text)} */\n${indent}${propertyName(key)}: true;\n`).join('');
}

/** The generated src/render/shipped-keys.ts: the shipped catalog's keys. */
export function shippedKeysModule(keys: ReadonlyMap<string, string>): string {
  return `// Generated from locales/${sourceLocale}/email.json by scripts/generate-reference.ts; do not edit (a unit test compares).
/** The keys of authmail's shipped catalog: \`TranslationKeys\` (render/types.ts) extends it. */
export interface ShippedTranslationKeys {
${members(keys, '  ')}}
`;
}

export const declarationFile = 'authmail-env.d.ts';

/** A project's `authmail-env.d.ts`: its own keys merged into authmail's `TranslationKeys`. */
export function projectKeysDeclaration(keys: ReadonlyMap<string, string>, localesDir: string): string {
  return `// Written by \`authmail types\` from ${localesDir}/${sourceLocale}/email.json: the project's own translation keys,
// so that ctx.t('…') accepts them and rejects a mistyped one. Run \`authmail types\` again after adding a key.
import 'authmail';

declare module 'authmail' {
  interface TranslationKeys {
${members(keys, '    ')}  }
}
`;
}
