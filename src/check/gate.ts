/**
 * The rules of `authmail check`, as pure functions over rendered emails and inbox reports.
 * Static findings reuse the pipeline's lint issues; only the size (against the budget configured here) and
 * leftover placeholders in value mode are computed here. Mailpit findings come from the inbox report.
 */
import { listPlaceholders } from '../render/placeholders.ts';
import type { LintIssue, RenderedEmail, RenderMode } from '../render/types.ts';
import type { InboxReport } from '../inbox/inbox.ts';
import { familyScore } from '../inbox/html-check.ts';
import { describeSpamRules, type SpamCheckSummary } from '../inbox/spam-check.ts';
import { contentRules, isBrandHost, type ContentRule } from '../render/lint.ts';
import { sizeIssue } from '../render/size.ts';
import type { CheckConfig } from './config.ts';
import { clientFamilies, type ClientFamily, type FamilyScore } from './client-families.ts';
import type { EmailInspection } from './inspect.ts';

/** A note is information (a key no email uses): it never fails the gate. */
export type Level = 'error' | 'warning' | 'note';

/** The `type` of the translation findings: reported per locale, not per email. */
export const translationsScope = 'translations';

export interface Finding {
  /** A usage type, or `translations` (`translationsScope`) for a finding about a locale's catalog. */
  type: string;
  locale: string;
  level: Level;
  rule: string;
  message: string;
}

const isContentRule = (rule: string): rule is ContentRule => Object.hasOwn(contentRules, rule);

export interface CheckResult {
  emails: number;
  findings: Finding[];
  /** True when any finding is an error. */
  failed: boolean;
  inbox: 'checked' | 'unreachable';
  /** Whether every email has a SpamAssassin score (through Mailpit run with --enable-spamassassin, or spamd directly). */
  spamAssassin: boolean;
  /** The spam score, always said: the highest one and where it came from, or why none was taken. */
  spam: SpamStatus;
  /** Per email, per client family: caniemail support (offline, value mode). */
  compatibility: { type: string; locale: string; features: number; families: FamilyScore[] }[];
}

/** One email's SpamAssassin score. */
export interface SpamScore {
  type: string;
  locale: string;
  spam: SpamCheckSummary;
}

export type SpamStatus =
  | { checked: true; via: 'Mailpit' | 'spamd'; highest: { score: number; type: string; locale: string }; maxScore: number }
  | { checked: false; reason: string };

/** A score over the threshold, or spamd giving none, is an error. */
export function spamFindings({ type, locale, spam }: SpamScore, config: CheckConfig, source = 'SpamAssassin'): Finding[] {
  if (spam.error) return [{ type, locale, level: 'error', rule: 'spam-score', message: `${source} gave no score: ${spam.error}` }];
  if (spam.score <= config.spamAssassin.maxScore) return [];
  return [
    {
      type,
      locale,
      level: 'error',
      rule: 'spam-score',
      message: `SpamAssassin score ${spam.score}, over the ${config.spamAssassin.maxScore} threshold (${describeSpamRules(spam)})`,
    },
  ];
}

function levelFor(issue: LintIssue, config: CheckConfig): Level | 'off' {
  // A host the config allows for foreign-link is no finding at all.
  if (issue.rule === 'foreign-link' && issue.host && isBrandHost(issue.host, config.rules.foreignLinkHosts)) return 'off';
  if (isContentRule(issue.rule)) return config.rules[issue.rule];
  if (issue.level === 'warning') return config.lintWarnings;
  return 'error';
}

/** Size against the configured budget (the HTML part, as Gmail measures it). */
export function sizeFindings(email: RenderedEmail, config: CheckConfig): Finding[] {
  const issue = sizeIssue(email.html, config.size);
  return issue ? [{ type: email.type, locale: email.locale, ...issue }] : [];
}

/**
 * Findings for one rendered email. In value mode every placeholder should have been filled, so
 * a `{{…}}` left over is one Logto would leave literal in the recipient's inbox.
 */
export function emailFindings(email: RenderedEmail, mode: RenderMode, config: CheckConfig): Finding[] {
  const at = { type: email.type, locale: email.locale };
  const findings: Finding[] = [];
  for (const issue of email.lint) {
    if (issue.rule === 'size') continue; // the configurable budget below replaces lint's fixed one
    const level = levelFor(issue, config);
    if (level !== 'off') findings.push({ ...at, level, rule: issue.rule, message: issue.message });
  }
  if (mode === 'value') {
    for (const path of listPlaceholders(email.subject, email.html, email.text)) {
      findings.push({ ...at, level: 'error', rule: 'placeholder-unresolved', message: `{{${path}}} is left unfilled with sample variables` });
    }
    findings.push(...sizeFindings(email, config));
  }
  return findings;
}

export function inboxFindings(report: InboxReport, config: CheckConfig): Finding[] {
  const at = { type: report.email.type, locale: report.email.locale };
  const findings: Finding[] = [];
  const { overall } = report.html;
  if (overall.supported < config.htmlCheck.minSupported) {
    findings.push({
      ...at,
      level: 'error',
      rule: 'html-check',
      message: `${overall.supported}% supported by mail clients, under the ${config.htmlCheck.minSupported}% threshold (worst: ${report.html.worst.map((feature) => feature.title).join(', ')})`,
    });
  }
  for (const [family, minimum] of Object.entries(config.htmlCheck.families)) {
    const score = familyScore(report.html, family);
    if (score && score.supported < minimum) {
      findings.push({ ...at, level: 'error', rule: 'html-check', message: `${family}: ${score.supported}% supported, under the ${minimum}% threshold` });
    }
  }
  if (report.spam) findings.push(...spamFindings({ ...at, spam: report.spam }, config, "Mailpit's SpamAssassin check"));
  if (config.brokenLinks !== 'off') {
    for (const link of report.links.broken) {
      findings.push({ ...at, level: config.brokenLinks, rule: 'broken-link', message: `${link.url}: ${link.status}` });
    }
  }
  return findings;
}

/** html-validate's findings, at the configured level. */
export function structureFindings(inspection: EmailInspection, config: CheckConfig): Finding[] {
  const level = config.htmlValidate;
  if (level === 'off') return [];
  return inspection.structure.map((issue) => ({
    type: inspection.type,
    locale: inspection.locale,
    level,
    rule: 'html-validate',
    message: `${issue.message} (${issue.rule}, line ${issue.line})`,
  }));
}

/** A client family under its minimum supported % (its own, else `minSupported`). */
export function compatibilityFindings(inspection: EmailInspection, config: CheckConfig): Finding[] {
  const { minSupported, families } = config.compatibility;
  return inspection.compatibility.families.flatMap((score) => {
    const minimum = families[score.family] ?? minSupported;
    if (score.supported >= minimum) return [];
    // Each feature with where the email first uses it, so the fix starts at the right line.
    const where = (feature: string) => inspection.compatibility.details.find((entry) => entry.feature === feature)?.at[0];
    const named = score.unsupportedFeatures.map((feature) => {
      const at = where(feature);
      return at ? `${feature} at line ${at.line}:${at.column}` : feature;
    });
    const unsupported = named.length ? ` (not supported: ${named.join(', ')})` : '';
    const name = clientFamilies[score.family as ClientFamily];
    return [
      {
        type: inspection.type,
        locale: inspection.locale,
        level: 'error' as const,
        rule: 'compatibility',
        message: `${name}: ${score.supported}% supported, under the ${minimum}% threshold${unsupported}`,
      },
    ];
  });
}

/** Same finding from both render modes (most lint issues) is reported once. */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = [finding.type, finding.locale, finding.level, finding.rule, finding.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface GateInput {
  /** Each email in placeholder mode (what connectors store) and value mode (what recipients get). */
  rendered: readonly { mode: RenderMode; email: RenderedEmail }[];
  inbox?: readonly InboxReport[];
  /** The offline inspections (src/check/inspect.ts): structure and per-client compatibility. */
  inspections?: readonly EmailInspection[];
  /** Findings from other checks (e.g. the translation review), already levelled. */
  extra?: readonly Finding[];
  /** Scores from spamd directly, when Mailpit gave none (src/inbox/spamd-client.ts). */
  spamScores?: readonly SpamScore[];
  /** Why there is no spam score, when there is none. */
  spamNotChecked?: string;
  emails: number;
}

/** The scores Mailpit gave, else spamd's; the highest of them, or why there are none. */
function spamStatus(input: GateInput, config: CheckConfig): { scores: SpamScore[]; direct: boolean; status: SpamStatus } {
  const fromMailpit = (input.inbox ?? []).flatMap((report) =>
    report.spam ? [{ type: report.email.type, locale: report.email.locale, spam: report.spam }] : []
  );
  const scores = fromMailpit.length ? fromMailpit : [...(input.spamScores ?? [])];
  const scored = scores.filter((entry) => !entry.spam.error);
  if (!scored.length) {
    const reason = scores[0]?.spam.error ?? input.spamNotChecked ?? 'no spamd was asked';
    return { scores, direct: !fromMailpit.length, status: { checked: false, reason } };
  }
  const highest = scored.reduce((high, entry) => (entry.spam.score > high.spam.score ? entry : high));
  return {
    scores,
    direct: !fromMailpit.length,
    status: {
      checked: true,
      via: fromMailpit.length ? 'Mailpit' : 'spamd',
      highest: { score: highest.spam.score, type: highest.type, locale: highest.locale },
      maxScore: config.spamAssassin.maxScore,
    },
  };
}

export function gate(input: GateInput, config: CheckConfig): CheckResult {
  const spam = spamStatus(input, config);
  const findings = dedupeFindings([
    ...input.rendered.flatMap(({ mode, email }) => emailFindings(email, mode, config)),
    ...(input.inspections ?? []).flatMap((inspection) => [...structureFindings(inspection, config), ...compatibilityFindings(inspection, config)]),
    ...(input.inbox ?? []).flatMap((report) => inboxFindings(report, config)),
    // Mailpit's scores are inboxFindings'; spamd's direct ones are gated here.
    ...(spam.direct ? spam.scores.flatMap((entry) => spamFindings(entry, config)) : []),
    ...(input.extra ?? []),
  ]);
  return {
    emails: input.emails,
    findings,
    failed: findings.some((finding) => finding.level === 'error'),
    inbox: input.inbox ? 'checked' : 'unreachable',
    spamAssassin: spam.scores.length > 0 && spam.scores.length === (input.inbox?.length || input.spamScores?.length),
    spam: spam.status,
    compatibility: (input.inspections ?? []).map(({ type, locale, compatibility }) => ({ type, locale, ...compatibility })),
  };
}
