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
import {
  clientFamilyIds,
  type ClientFamily,
  type CompatibilityReport,
  type FamilyVerdict,
  type FeatureSupport,
  type SourceLocation,
} from './client-families.ts';

export type Support = 'yes' | 'partial' | 'no';

const familyOf = (client: string) => client.slice(0, client.indexOf('.')) as ClientFamily;
const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 100);

/**
 * Where htmlparser2 (doiuse-email's parser) finds elements, found again in the source: its
 * elements in document order are the start tags outside comments and raw text, less <style> and
 * <script> (which doiuse-email's walk skips); a <style>'s text, when not empty, is a stylesheet.
 */
function sourceOffsets(html: string): { elements: number[]; stylesheets: number[] } {
  const elements: number[] = [];
  const stylesheets: number[] = [];
  const tag = /<!--[\s\S]*?(?:-->|$)|<([a-zA-Z][^\s/>]*)[^>]*>?/g;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    const name = match[1]?.toLowerCase();
    if (name === undefined) continue; // a comment: Outlook's conditional markup is not parsed as elements
    if (name !== 'style' && name !== 'script') elements.push(match.index);
    if (['style', 'script', 'title', 'textarea'].includes(name)) {
      // Raw text up to the closing tag: no elements inside.
      const close = html.toLowerCase().indexOf(`</${name}`, tag.lastIndex);
      const end = close === -1 ? html.length : close;
      if (name === 'style' && end > tag.lastIndex) stylesheets.push(tag.lastIndex);
      tag.lastIndex = end;
    }
  }
  return { elements, stylesheets };
}

/** 1-based line and column of an offset, and the source from there (one line, 120 characters at most). */
function locate(html: string, offset: number): SourceLocation {
  const before = html.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const rest = html.slice(offset, offset + 240).split('\n')[0]!;
  const tag = /^<[^>]*>/.exec(rest)?.[0] ?? rest;
  return { line, column, excerpt: tag.length > 120 ? `${tag.slice(0, 119)}…` : tag };
}

type CssRule = { position?: { start?: { line?: number; column?: number } } };

/** Offset in `html` of a line and column inside the stylesheet text starting at `start`. */
function offsetInStylesheet(html: string, start: number, line = 1, column = 1): number {
  let offset = start;
  for (let current = 1; current < line; current += 1) offset = html.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

/** Walks an email with doiuse-email's own parser and matchers, keeping which features occur and where. */
class FeatureCollector extends DoIUseEmail {
  /** Feature → offsets of the elements or CSS rules that use it. */
  readonly found = new Map<string, number[]>();
  private html = '';
  private offsets: { elements: number[]; stylesheets: number[] } = { elements: [], stylesheets: [] };
  private element = 0;
  private stylesheet = 0;
  private current = 0;

  override check(code: string) {
    this.html = code;
    this.offsets = sourceOffsets(code);
    this.element = 0;
    this.stylesheet = 0;
    return super.check(code);
  }

  /** The rules of each stylesheet one at a time, so each finding knows its rule. */
  override checkStylesheet(sheet: Parameters<DoIUseEmail['checkStylesheet']>[0]): void {
    const start = this.offsets.stylesheets[this.stylesheet++] ?? 0;
    for (const rule of (sheet.stylesheet?.rules ?? []) as CssRule[]) {
      this.current = offsetInStylesheet(this.html, start, rule.position?.start?.line, rule.position?.start?.column);
      super.checkStylesheet({ ...sheet, stylesheet: { ...sheet.stylesheet, rules: [rule] } } as typeof sheet);
    }
  }

  override checkHtmlNode(node: Parameters<DoIUseEmail['checkHtmlNode']>[0]): void {
    this.current = this.offsets.elements[this.element++] ?? 0;
    super.checkHtmlNode(node);
  }

  override checkFeaturesSupport(featureTitles: string | string[]): void {
    for (const title of [featureTitles].flat()) {
      const offsets = this.found.get(title) ?? [];
      offsets.push(this.current);
      this.found.set(title, offsets);
    }
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
    const details: FeatureSupport[] = [];
    for (const [feature, offsets] of collector.found) {
      const verdicts = new Map<ClientFamily, FamilyVerdict>();
      for (const [client, support] of lookup.supportOf(feature)) {
        const verdict = verdicts.get(familyOf(client)) ?? { family: familyOf(client), yes: 0, partial: 0, no: 0 };
        verdict[support] += 1;
        verdicts.set(familyOf(client), verdict);
        const family = familyOf(client);
        const tally = tallies.get(family) ?? { yes: 0, partial: 0, no: 0, unsupported: new Set<string>() };
        tally[support] += 1;
        if (support === 'no') tally.unsupported.add(feature);
        tallies.set(family, tally);
      }
      const at = [...new Set(offsets)];
      details.push({ feature, uses: at.length, at: at.slice(0, 3).map((offset) => locate(html, offset)), families: [...verdicts.values()] });
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
    const unsupportedShare = (entry: FeatureSupport) => entry.families.reduce((sum, verdict) => sum + verdict.no * 2 + verdict.partial, 0);
    details.sort((a, b) => unsupportedShare(b) - unsupportedShare(a) || a.feature.localeCompare(b.feature));
    return { features: collector.found.size, families, details };
  };
}
