/** Summarises Mailpit's SpamAssassin check: the score and the rules that added to it. Pure. */
import type { MailpitSpamAssassinResponse } from 'mailpit-api';

export interface SpamRule {
  name: string;
  score: number;
  description: string;
}

export interface SpamCheckSummary {
  /** SpamAssassin's total, rounded down to one decimal by Mailpit. */
  score: number;
  /** Rules that raised the score, highest first (rules that lower it or score 0 are left out). */
  rules: SpamRule[];
  /** Set when spamd gave no result (not reachable, timed out); the score is then meaningless. */
  error?: string;
}

export function summariseSpamCheck(response: Pick<MailpitSpamAssassinResponse, 'Score' | 'Rules' | 'Error'>): SpamCheckSummary {
  const rules = (response.Rules ?? [])
    .filter((rule) => rule.Score > 0)
    .map((rule) => ({ name: rule.Name, score: rule.Score, description: rule.Description }))
    .sort((a, b) => b.score - a.score);
  return { score: response.Score, rules, ...(response.Error ? { error: response.Error } : {}) };
}

/** "HTML_IMAGE_RATIO_02 0.8, MIME_HTML_ONLY 0.7" for a message, the first few rules. */
export function describeSpamRules(summary: SpamCheckSummary, most = 4): string {
  if (!summary.rules.length) return 'no rule added to it';
  const shown = summary.rules.slice(0, most).map((rule) => `${rule.name} ${rule.score}`);
  return shown.join(', ') + (summary.rules.length > most ? `, +${summary.rules.length - most} more` : '');
}
