/**
 * caniemail's client families and the summary of a run's per-client scores: what the config,
 * the gate and the CLI need, without loading the caniemail data (src/check/compatibility.ts).
 */

/** caniemail's client families, by the id before the dot in its client names (`gmail.ios`). */
export const clientFamilies = {
  gmail: 'Gmail',
  outlook: 'Outlook',
  'apple-mail': 'Apple Mail',
  yahoo: 'Yahoo',
  aol: 'AOL',
  'samsung-email': 'Samsung',
  thunderbird: 'Thunderbird',
  protonmail: 'Proton',
  fastmail: 'Fastmail',
  hey: 'HEY',
  'mail-ru': 'Mail.ru',
  orange: 'Orange',
  sfr: 'SFR',
  laposte: 'La Poste',
} as const;

export type ClientFamily = keyof typeof clientFamilies;
export const clientFamilyIds = Object.keys(clientFamilies) as ClientFamily[];

export interface FamilyScore {
  family: ClientFamily;
  /** Shares of (feature, client) pairs, in whole percent; they add up to 100 (± rounding). */
  supported: number;
  partial: number;
  unsupported: number;
  /** Features some client of the family does not support at all, by name. */
  unsupportedFeatures: string[];
}

/** Where an email uses a feature: 1-based line and column of the element or CSS rule, and its source. */
export interface SourceLocation {
  line: number;
  column: number;
  /** The start tag or CSS rule, cut at 120 characters. */
  excerpt: string;
}

/** One family's clients (their latest tested versions) for one feature. */
export interface FamilyVerdict {
  family: ClientFamily;
  yes: number;
  partial: number;
  no: number;
}

/** One caniemail feature the email uses: where, and how each family supports it. */
export interface FeatureSupport {
  feature: string;
  /** How many places use it. */
  uses: number;
  /** The first few of those places. */
  at: SourceLocation[];
  families: FamilyVerdict[];
}

export interface CompatibilityReport {
  /** Distinct caniemail features found in the email. */
  features: number;
  families: FamilyScore[];
  /** Per feature, the least supported first: where the email uses it and each family's verdict. */
  details: FeatureSupport[];
}

/** One family across a run's emails: its worst email, its mean, and every feature it lacks somewhere. */
export interface FamilySummary {
  family: ClientFamily;
  name: string;
  worst: { supported: number; partial: number; unsupported: number; type: string; locale: string };
  meanSupported: number;
  unsupportedFeatures: string[];
}

export function summariseCompatibility(emails: readonly { type: string; locale: string; families: readonly FamilyScore[] }[]): FamilySummary[] {
  return clientFamilyIds.flatMap((family) => {
    const scores = emails.flatMap(({ type, locale, families }) =>
      families.filter((score) => score.family === family).map((score) => ({ ...score, type, locale }))
    );
    if (!scores.length) return [];
    const worst = scores.reduce((low, score) => (score.supported < low.supported ? score : low));
    const mean = scores.reduce((sum, score) => sum + score.supported, 0) / scores.length;
    return [
      {
        family,
        name: clientFamilies[family],
        worst: { supported: worst.supported, partial: worst.partial, unsupported: worst.unsupported, type: worst.type, locale: worst.locale },
        meanSupported: Math.round(mean * 10) / 10,
        unsupportedFeatures: [...new Set(scores.flatMap((score) => score.unsupportedFeatures))].sort(),
      },
    ];
  });
}
