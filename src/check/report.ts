/** The readable report of `authmail check`: findings grouped per email, errors first, then a verdict. */
import type { CheckResult, Finding, SpamStatus } from './gate.ts';

/** The spam score line, printed on every run: the highest score when it passes too, or why there is none. */
export function formatSpamStatus(spam: SpamStatus): string {
  if (!spam.checked) return `Spam score: not checked: ${spam.reason}`;
  const { score, type, locale } = spam.highest;
  return `Spam score (SpamAssassin, through ${spam.via}): highest ${score} (${type} · ${locale}), threshold ${spam.maxScore}`;
}

export function formatCheckReport(result: CheckResult): string {
  const groups = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const key = `${finding.type} · ${finding.locale}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  const lines: string[] = [];
  for (const [email, findings] of groups) {
    const failed = findings.some((finding) => finding.level === 'error');
    lines.push(`${failed ? '✗' : '!'} ${email}`);
    const sorted = [...findings].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
    const width = Math.max(...sorted.map((finding) => finding.rule.length));
    for (const finding of sorted) lines.push(`    ${finding.level.padEnd(7)} ${finding.rule.padEnd(width)}  ${finding.message}`);
  }
  const errors = result.findings.filter((finding) => finding.level === 'error').length;
  const warnings = result.findings.length - errors;
  const emailsWithErrors = new Set(result.findings.filter((f) => f.level === 'error').map((f) => `${f.type} ${f.locale}`)).size;
  if (lines.length) lines.push('');
  lines.push(formatSpamStatus(result.spam));
  const services =
    result.inbox === 'checked'
      ? ` (static + Mailpit${result.spamAssassin ? ' + SpamAssassin' : ''})`
      : result.spamAssassin
        ? ' (static + SpamAssassin; no Mailpit reachable)'
        : ' (static only: no Mailpit reachable)';
  lines.push(
    `${result.emails} emails checked${services}: ` +
      `${errors} error${errors === 1 ? '' : 's'} in ${emailsWithErrors} email${emailsWithErrors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}. ` +
      (result.failed ? 'FAILED' : 'PASSED')
  );
  return lines.join('\n');
}
