/**
 * The readable report of `authmail check`: findings grouped per email (translation findings per
 * locale), errors first, then a verdict that counts emails and translation findings apart.
 */
import { translationsScope, type CheckResult, type Finding, type Level, type SpamStatus } from './gate.ts';

const order: Record<Level, number> = { error: 0, warning: 1, note: 2 };
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

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
    const noted = findings.every((finding) => finding.level === 'note');
    lines.push(`${failed ? '✗' : noted ? 'i' : '!'} ${email}`);
    const sorted = [...findings].sort((a, b) => order[a.level] - order[b.level]);
    const width = Math.max(...sorted.map((finding) => finding.rule.length));
    for (const finding of sorted) lines.push(`    ${finding.level.padEnd(7)} ${finding.rule.padEnd(width)}  ${finding.message}`);
  }
  const ofEmails = result.findings.filter((finding) => finding.type !== translationsScope);
  const ofTranslations = result.findings.filter((finding) => finding.type === translationsScope);
  const count = (findings: Finding[], level: Level) => findings.filter((finding) => finding.level === level).length;
  const emailsWithErrors = new Set(ofEmails.filter((f) => f.level === 'error').map((f) => `${f.type} ${f.locale}`)).size;
  // Translation findings are per locale, not per email: counted apart, never as emails.
  const translations = ofTranslations.length
    ? ` Translations: ${(['error', 'warning', 'note'] as const).map((level) => plural(count(ofTranslations, level), level)).join(', ')}.`
    : '';
  if (lines.length) lines.push('');
  lines.push(formatSpamStatus(result.spam));
  const services =
    result.inbox === 'checked'
      ? ` (static + Mailpit${result.spamAssassin ? ' + SpamAssassin' : ''})`
      : result.spamAssassin
        ? ' (static + SpamAssassin; no Mailpit reachable)'
        : ' (static only: no Mailpit reachable)';
  lines.push(
    `${plural(result.emails, 'email')} checked${services}: ` +
      `${plural(count(ofEmails, 'error'), 'error')} in ${plural(emailsWithErrors, 'email')}, ${plural(count(ofEmails, 'warning'), 'warning')}.` +
      `${translations} ${result.failed ? 'FAILED' : 'PASSED'}`
  );
  return lines.join('\n');
}
