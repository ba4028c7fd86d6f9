/**
 * The designers' pseudo-locale: English with every letter accented, each string ~35% longer and
 * wrapped in brackets, so truncation, clipped buttons and hard-coded (untranslated) text show up
 * in a preview. It exists only in memory (`createRenderer({ pseudo: true })`), never as a folder,
 * and `buildFiles` refuses it, so it cannot reach a connector config or Logto.
 */
import { sourceLocale, type LocaleCatalog, type Messages } from './locales.ts';

/**
 * The conventional pseudo-English tag. `@logto/language-kit` does not accept it, so even a
 * hand-made payload with it would be rejected by Logto rather than shown to a user.
 */
export const pseudoLocale = 'en-XA';

export function isPseudoLocale(tag: string): boolean {
  return tag.trim().toLowerCase() === pseudoLocale.toLowerCase();
}

/** How much longer a pseudo string is than its source, like German or Finnish can be. */
export const pseudoExpansion = 0.35;

const accented: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, index) => [
    letter,
    [...'áƀçðéƒĝĥîĵķĺɱñöƥʠŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][index]!,
  ])
);
const filler = 'ŀöŕéɱ ïƥšûɱ ðöŀöŕ šîţ áɱéţ çöñšéçţéţûŕ áðîƥîšçîñĝ éŀîţ šéð ðö éîûšɱöð ţéɱƥöŕ ';

/** A `{{variable}}` stays exactly as written: it is filled later and must keep its name. */
const variable = /(\{\{[^{}]*\}\})/;

export function pseudoLocalize(text: string): string {
  let length = 0;
  const body = text
    .split(variable)
    .map((part, index) => {
      if (index % 2 === 1) return part;
      const chars = [...part];
      length += chars.length;
      return chars.map((char) => accented[char] ?? char).join('');
    })
    .join('');
  const extra = Math.ceil(length * pseudoExpansion);
  const padding =
    extra > 1
      ? ` ${filler
          .repeat(Math.ceil(extra / filler.length))
          .slice(0, extra - 1)
          .trimEnd()}`
      : '';
  return `[${body}${padding}]`;
}

export function pseudoMessages(messages: Messages): Messages {
  return Object.fromEntries(Object.entries(messages).map(([key, value]) => [key, typeof value === 'string' ? pseudoLocalize(value) : pseudoMessages(value)]));
}

const withPseudo = new WeakMap<LocaleCatalog, LocaleCatalog>();

/** The catalog plus `en-XA` generated from English; cached so renderers share one i18next instance. */
export function withPseudoLocale(catalog: LocaleCatalog): LocaleCatalog {
  let extended = withPseudo.get(catalog);
  if (!extended) {
    extended = new Map([...catalog, [pseudoLocale, pseudoMessages(catalog.get(sourceLocale) ?? {})]]);
    withPseudo.set(catalog, extended);
  }
  return extended;
}
