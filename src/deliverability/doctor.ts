/**
 * `authmail doctor`'s checks together: SPF (with its include:s followed), DKIM and DMARC of one
 * sender domain, and, given the d= mail is signed with, whether that aligns with it; read
 * through the given resolver. The verdicts are the pure functions in spf.ts, dkim.ts, dmarc.ts
 * and alignment.ts.
 */
import type { KeyObject } from 'node:crypto';
import { checkAlignment, organizationalDomain } from './alignment.ts';
import { lookupTxt, type TxtAnswer, type TxtResolver } from './dns.ts';
import { checkCommonSelectors, checkDkim, commonSelectors, dkimName, parseTags } from './dkim.ts';
import { checkDmarc, dmarcNames, isDmarcRecord } from './dmarc.ts';
import { checkSpf, isSpfRecord } from './spf.ts';
import { walkSpf, type SpfWalk } from './spf-walk.ts';
import type { RecordCheck } from './types.ts';

export interface DoctorReport {
  domain: string;
  /** The d= domain the DKIM checks looked under (the sender domain unless a signing domain was given). */
  dkimDomain: string;
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

async function lookupSpf(resolver: TxtResolver, domain: string): Promise<{ answer: TxtAnswer; walk?: SpfWalk }> {
  const answer = await lookupTxt(resolver, domain);
  const records = answer.kind === 'records' ? answer.records.filter(isSpfRecord) : [];
  return records.length === 1 ? { answer, walk: await walkSpf(resolver, domain, records[0]!) } : { answer };
}

/** From/DKIM alignment: the DMARC walks of both domains give their organizational domains. */
async function alignment(resolver: TxtResolver, from: string, signing: string, dmarc: readonly TxtAnswer[]): Promise<RecordCheck> {
  const names = [...new Set([...dmarcNames(from), ...dmarcNames(signing)])];
  const answers = new Map(await Promise.all(names.map(async (name) => [name, await lookupTxt(resolver, name)] as const)));
  const policy = dmarc.at(-1);
  const record = policy?.kind === 'records' ? policy.records.filter(isDmarcRecord) : [];
  const mode = record.length === 1 && parseTags(record[0]!).get('adkim')?.toLowerCase() === 's' ? 's' : 'r';
  return checkAlignment({
    from,
    signing,
    mode,
    fromOrganization: organizationalDomain(from, answers),
    signingOrganization: organizationalDomain(signing, answers),
  });
}

/**
 * `signingKey`: the key mail is signed with (`serve`'s DKIM key); it needs exactly one selector.
 * `signingDomain`: the d= mail is signed with (`serve`'s AUTHMAIL_DKIM_DOMAIN): the selectors are
 * looked up under it, and it is checked to align with the sender domain.
 */
export async function runDoctor(
  domain: string,
  options: { selectors?: readonly string[]; resolver: TxtResolver; signingKey?: KeyObject; signingDomain?: string }
): Promise<DoctorReport> {
  const { resolver } = options;
  const dkimDomain = options.signingDomain ?? domain;
  const given = Boolean(options.selectors?.length);
  const selectors = given ? [...options.selectors!] : [...commonSelectors];
  const [spf, dkim, dmarc] = await Promise.all([
    lookupSpf(resolver, domain),
    Promise.all(selectors.map(async (selector) => ({ selector, answer: await lookupTxt(resolver, dkimName(selector, dkimDomain)) }))),
    lookupDmarc(resolver, domain),
  ]);
  const checks = [
    checkSpf(domain, spf.answer, spf.walk),
    ...(given ? dkim.map(({ selector, answer }) => checkDkim(dkimDomain, selector, answer, options.signingKey)) : checkCommonSelectors(dkimDomain, dkim)),
    ...(options.signingDomain ? [await alignment(resolver, domain, options.signingDomain, dmarc)] : []),
    checkDmarc(domain, dmarc),
  ];
  const problems = checks.flatMap((check) => check.problems);
  const errors = problems.filter((problem) => problem.level === 'error').length;
  return { domain, dkimDomain, selectors: { names: selectors, given }, checks, errors, warnings: problems.length - errors };
}

const mark = { ok: '✓', warning: '!', error: '✗', unknown: '?' } as const;

export function formatDoctorReport(report: DoctorReport): string {
  const lines = [`Sender domain ${report.domain}`, ''];
  for (const check of report.checks) {
    lines.push(`${mark[check.status]} ${check.mechanism.padEnd(5)}  ${check.name}`);
    if (check.record !== undefined) lines.push(`         ${check.record}`);
    for (const detail of check.details ?? []) lines.push(`         ${detail}`);
    for (const problem of check.problems) lines.push(`    ${problem.level.padEnd(7)}  ${problem.message}`);
    const fixes = new Map(check.problems.flatMap(({ fix }) => (fix ? [[`${fix.action} ${fix.name} ${fix.value}`, fix] as const] : [])));
    for (const fix of fixes.values()) lines.push(`    ${fix.action.padEnd(7)}  ${fix.name}  ${fix.type}  "${fix.value}"`);
  }
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  lines.push('', `${plural(report.errors, 'problem')}, ${plural(report.warnings, 'warning')}: ${report.errors ? 'FAILED' : 'PASSED'}`);
  return lines.join('\n');
}
