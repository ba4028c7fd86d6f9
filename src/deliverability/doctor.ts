/**
 * `authmail doctor`'s checks together: SPF, DKIM and DMARC of one sender domain, read through
 * the given resolver. The verdicts are the pure functions in spf.ts, dkim.ts and dmarc.ts.
 */
import type { KeyObject } from 'node:crypto';
import { lookupTxt, type TxtAnswer, type TxtResolver } from './dns.ts';
import { checkCommonSelectors, checkDkim, commonSelectors, dkimName } from './dkim.ts';
import { checkDmarc, dmarcNames, isDmarcRecord } from './dmarc.ts';
import { checkSpf } from './spf.ts';
import type { RecordCheck } from './types.ts';

export interface DoctorReport {
  domain: string;
  /** The selectors looked up, and whether they were given or the common ones. */
  selectors: { names: string[]; given: boolean };
  checks: RecordCheck[];
  errors: number;
  warnings: number;
}

async function lookupDmarc(resolver: TxtResolver, domain: string): Promise<TxtAnswer[]> {
  const answers: TxtAnswer[] = [];
  for (const name of dmarcNames(domain)) {
    const answer = await lookupTxt(resolver, name);
    answers.push(answer);
    if (answer.kind === 'failed' || (answer.kind === 'records' && answer.records.some(isDmarcRecord))) break;
  }
  return answers;
}

/** `signingKey`: the key mail is signed with (`serve`'s DKIM key); it needs exactly one selector. */
export async function runDoctor(domain: string, options: { selectors?: readonly string[]; resolver: TxtResolver; signingKey?: KeyObject }): Promise<DoctorReport> {
  const { resolver } = options;
  const given = Boolean(options.selectors?.length);
  const selectors = given ? [...options.selectors!] : [...commonSelectors];
  const [spf, dkim, dmarc] = await Promise.all([
    lookupTxt(resolver, domain),
    Promise.all(selectors.map(async (selector) => ({ selector, answer: await lookupTxt(resolver, dkimName(selector, domain)) }))),
    lookupDmarc(resolver, domain),
  ]);
  const checks = [
    checkSpf(domain, spf),
    ...(given ? dkim.map(({ selector, answer }) => checkDkim(domain, selector, answer, options.signingKey)) : checkCommonSelectors(domain, dkim)),
    checkDmarc(domain, dmarc),
  ];
  const problems = checks.flatMap((check) => check.problems);
  const errors = problems.filter((problem) => problem.level === 'error').length;
  return { domain, selectors: { names: selectors, given }, checks, errors, warnings: problems.length - errors };
}

const mark = { ok: '✓', warning: '!', error: '✗', unknown: '?' } as const;

export function formatDoctorReport(report: DoctorReport): string {
  const lines = [`Sender domain ${report.domain}`, ''];
  for (const check of report.checks) {
    lines.push(`${mark[check.status]} ${check.mechanism.padEnd(5)}  ${check.name}`);
    if (check.record !== undefined) lines.push(`         ${check.record}`);
    for (const problem of check.problems) lines.push(`    ${problem.level.padEnd(7)}  ${problem.message}`);
    const fixes = new Map(check.problems.flatMap(({ fix }) => (fix ? [[`${fix.action} ${fix.name} ${fix.value}`, fix] as const] : [])));
    for (const fix of fixes.values()) lines.push(`    ${fix.action.padEnd(7)}  ${fix.name}  ${fix.type}  "${fix.value}"`);
  }
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  lines.push('', `${plural(report.errors, 'problem')}, ${plural(report.warnings, 'warning')}: ${report.errors ? 'FAILED' : 'PASSED'}`);
  return lines.join('\n');
}
