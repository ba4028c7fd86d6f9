/**
 * The offline per-client compatibility report of `authmail check`, from caniemail's data through
 * @jsx-email/doiuse-email (as jsx-email does): no Mailpit needed. For each email, the distinct
 * HTML and CSS features it uses that caniemail knows, and for each client family the share of
 * (feature, client) pairs the family's clients support in their latest tested version.
 *
 * doiuse-email emits one message per occurrence and per client, recomputing support each time;
 * here its walk only collects which features occur, and each feature's support is computed once
 * per run (the same few dozen features recur in every email). Its data's newest test is 2024-09,
 * and it does not look inside `@media` blocks (the dark-mode and mobile rules).
 */
import { DoIUseEmail } from '@jsx-email/doiuse-email';
import { clientFamilyIds, type ClientFamily, type CompatibilityReport } from './client-families.ts';

export type Support = 'yes' | 'partial' | 'no';

const familyOf = (client: string) => client.slice(0, client.indexOf('.')) as ClientFamily;
const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 100);

/** Walks an email with doiuse-email's own parser and matchers, keeping only which features occur. */
class FeatureCollector extends DoIUseEmail {
  readonly found = new Set<string>();
  override checkFeaturesSupport(featureTitles: string | string[]): void {
    for (const title of [featureTitles].flat()) this.found.add(title);
  }
}

/** Each client's support for one feature, with doiuse-email's own lookup (latest version of each client). */
class SupportLookup extends DoIUseEmail {
  private readonly cache = new Map<string, Map<string, Support>>();
  supportOf(feature: string): Map<string, Support> {
    let support = this.cache.get(feature);
    if (!support) {
      this.errors = [];
      this.warnings = [];
      this.notes = [];
      super.checkFeaturesSupport(feature);
      // Its verdicts are messages naming the client: "`feature` is not supported by `client`".
      const clientIn = (message: string) => /`([^`]+)`$/.exec(message)![1]!;
      const none = new Set(this.errors.map(clientIn));
      const partial = new Set(this.warnings.map(clientIn));
      support = new Map(this.emailClients.map((client) => [client, none.has(client) ? 'no' : partial.has(client) ? 'partial' : 'yes']));
      this.cache.set(feature, support);
    }
    return support;
  }
}

/** One checker per run: feature support is looked up once per feature across all emails. */
export function createCompatibilityChecker(): (html: string) => CompatibilityReport {
  const options = { emailClients: ['*'] };
  const lookup = new SupportLookup(options);
  return (html) => {
    const collector = new FeatureCollector(options);
    collector.check(html);
    const tallies = new Map<ClientFamily, { yes: number; partial: number; no: number; unsupported: Set<string> }>();
    for (const feature of collector.found) {
      for (const [client, support] of lookup.supportOf(feature)) {
        const family = familyOf(client);
        const tally = tallies.get(family) ?? { yes: 0, partial: 0, no: 0, unsupported: new Set<string>() };
        tally[support] += 1;
        if (support === 'no') tally.unsupported.add(feature);
        tallies.set(family, tally);
      }
    }
    const families = clientFamilyIds.flatMap((family) => {
      const tally = tallies.get(family);
      if (!tally) return [];
      const total = tally.yes + tally.partial + tally.no;
      return [
        {
          family,
          supported: percent(tally.yes, total),
          partial: percent(tally.partial, total),
          unsupported: percent(tally.no, total),
          unsupportedFeatures: [...tally.unsupported].sort(),
        },
      ];
    });
    return { features: collector.found.size, families };
  };
}
