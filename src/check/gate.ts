/**
 * The rules of `authmail check`, as pure functions over rendered emails and inbox reports.
 * Static findings reuse the pipeline's lint issues; only the size (against the budget configured here) and
 * leftover placeholders in value mode are computed here. Mailpit findings come from the inbox report.
 */
import { listPlaceholders } from '../render/placeholders.ts';
import type { LintIssue, RenderedEmail, RenderMode } from '../render/types.ts';
import type { InboxReport } from '../inbox/inbox.ts';
import { familyScore } from '../inbox/html-check.ts';
import { describeSpamRules } from '../inbox/spam-check.ts';
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
  /** Whether the inbox checks included SpamAssassin scores (Mailpit run with --enable-spamassassin). */
  spamAssassin: boolean;
  /** Per email, per client family: caniemail support (offline, value mode). */
  compatibility: { type: string; locale: string; features: number; families: FamilyScore[] }[];
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
  if (report.spam?.error) {
    findings.push({ ...at, level: 'error', rule: 'spam-score', message: `Mailpit's SpamAssassin check gave no score: ${report.spam.error}` });
  } else if (report.spam && report.spam.score > config.spamAssassin.maxScore) {
    findings.push({
      ...at,
      level: 'error',
      rule: 'spam-score',
      message: `SpamAssassin score ${report.spam.score}, over the ${config.spamAssassin.maxScore} threshold (${describeSpamRules(report.spam)})`,
    });
  }
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
    const unsupported = score.unsupportedFeatures.length ? ` (not supported: ${score.unsupportedFeatures.join(', ')})` : '';
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
  emails: number;
}

export function gate(input: GateInput, config: CheckConfig): CheckResult {
  const findings = dedupeFindings([
    ...input.rendered.flatMap(({ mode, email }) => emailFindings(email, mode, config)),
    ...(input.inspections ?? []).flatMap((inspection) => [...structureFindings(inspection, config), ...compatibilityFindings(inspection, config)]),
    ...(input.inbox ?? []).flatMap((report) => inboxFindings(report, config)),
    ...(input.extra ?? []),
  ]);
  return {
    emails: input.emails,
    findings,
    failed: findings.some((finding) => finding.level === 'error'),
    inbox: input.inbox ? 'checked' : 'unreachable',
    spamAssassin: Boolean(input.inbox?.length && input.inbox.every((report) => report.spam)),
    compatibility: (input.inspections ?? []).map(({ type, locale, compatibility }) => ({ type, locale, ...compatibility })),
  };
}
