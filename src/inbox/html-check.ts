/**
 * Summarises Mailpit's html-check (caniemail data) for a table and a gate. Pure.
 *
 * Overall: Mailpit's own `Total` (Supported / Partial / Unsupported %), the number its UI shows.
 *
 * Per client family (Gmail, Outlook, …) — Mailpit has no per-client score, so it is derived from
 * `Warnings[].Results`, each result being one client version on one platform:
 *
 *   family supported % = Σ_w Found_w · yes_{w,f} / n_{w,f}  ÷  Σ_w Found_w     (likewise partial, no)
 *
 * over the warnings w (features found in the email that some client lacks) with results for family
 * f; n_{w,f} counts f's results for w, yes_{w,f} those with Support "yes"; Found_w is how often
 * the feature occurs, so a feature used on every element weighs more than one used once, as in
 * Mailpit's Total. Features every client supports are absent from Warnings, so family numbers
 * cover only the contested features: compare them with each other, not with the overall %.
 */
import type { MailpitHTMLCheckResponse } from 'mailpit-api';

type Support = 'yes' | 'partial' | 'no';

export interface SupportShares {
  supported: number;
  partial: number;
  unsupported: number;
}

export interface FamilyScore extends SupportShares {
  family: string;
  /** Client names seen for the family, e.g. "Gmail Android (2019-10)". */
  clients: number;
}

export interface WorstFeature {
  slug: string;
  title: string;
  /** Share of client versions without support, %. */
  unsupported: number;
  partial: number;
  found: number;
}

export interface HtmlCheckSummary {
  overall: SupportShares;
  families: FamilyScore[];
  worst: WorstFeature[];
  tests: number;
}

/** The subset of the response this module reads (the mailpit-api type, minus what is unused). */
export type HtmlCheckResponse = Pick<MailpitHTMLCheckResponse, 'Total' | 'Warnings'>;

const round = (value: number) => Math.round(value * 10) / 10;

export function familyScores(response: HtmlCheckResponse): FamilyScore[] {
  const totals = new Map<string, { weight: number; yes: number; partial: number; no: number; clients: Set<string> }>();
  for (const warning of response.Warnings) {
    const weight = Math.max(1, warning.Score.Found);
    const byFamily = new Map<string, Record<Support, number>>();
    for (const result of warning.Results) {
      const counts = byFamily.get(result.Family) ?? { yes: 0, partial: 0, no: 0 };
      counts[result.Support] += 1;
      byFamily.set(result.Family, counts);
      const family = totals.get(result.Family) ?? { weight: 0, yes: 0, partial: 0, no: 0, clients: new Set() };
      family.clients.add(result.Name);
      totals.set(result.Family, family);
    }
    for (const [name, counts] of byFamily) {
      const n = counts.yes + counts.partial + counts.no;
      const family = totals.get(name)!;
      family.weight += weight;
      family.yes += (weight * counts.yes) / n;
      family.partial += (weight * counts.partial) / n;
      family.no += (weight * counts.no) / n;
    }
  }
  return [...totals]
    .map(([family, t]) => ({
      family,
      supported: round((100 * t.yes) / t.weight),
      partial: round((100 * t.partial) / t.weight),
      unsupported: round((100 * t.no) / t.weight),
      clients: t.clients.size,
    }))
    .sort((a, b) => a.supported - b.supported || a.family.localeCompare(b.family));
}

/** Features most often unsupported (then partial), at most `limit`. */
export function worstFeatures(response: HtmlCheckResponse, limit = 3): WorstFeature[] {
  return response.Warnings.map((warning) => ({
    slug: warning.Slug,
    title: warning.Title,
    unsupported: round(warning.Score.Unsupported),
    partial: round(warning.Score.Partial),
    found: warning.Score.Found,
  }))
    .sort((a, b) => b.unsupported - a.unsupported || b.partial - a.partial || a.slug.localeCompare(b.slug))
    .slice(0, limit);
}

export function summariseHtmlCheck(response: HtmlCheckResponse, worstLimit = 3): HtmlCheckSummary {
  return {
    overall: {
      supported: round(response.Total.Supported),
      partial: round(response.Total.Partial),
      unsupported: round(response.Total.Unsupported),
    },
    families: familyScores(response),
    worst: worstFeatures(response, worstLimit),
    tests: response.Total.Tests,
  };
}

export function familyScore(summary: HtmlCheckSummary, family: string): FamilyScore | undefined {
  return summary.families.find((score) => score.family === family);
}
