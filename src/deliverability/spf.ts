/**
 * SPF (RFC 7208): the TXT record at the sender domain listing the servers allowed to send as it.
 * Checks what makes receivers ignore or distrust it: none or several records, a policy that lets
 * any server pass, unknown terms and more than 10 DNS-querying terms (both permanent errors).
 * Given the walk of its include:s and redirect= (spf-walk.ts), the count covers the whole
 * evaluation, and an include that leads nowhere is reported where it is.
 */
import type { TxtAnswer } from './dns.ts';
import type { SpfBranch, SpfWalk } from './spf-walk.ts';
import { isSpfRecord, parseSpfTerms as parseTerms, spfLookupLimit as lookupLimit, spfMechanisms as mechanisms, spfQuerying as querying } from './spf-terms.ts';
import { lookupFailed, recordCheck, type Problem, type RecordCheck } from './types.ts';

export { isSpfRecord };

/** The recommended ending: mail from unlisted servers soft-fails, and DMARC decides what happens to it. */
const recommendedAll = '~all';
const placeholder = "include:<your email service's SPF domain>";

/** One record from several: their terms once each, ending with the recommended `all`. */
function merge(records: readonly string[]): string {
  const terms = new Set<string>();
  for (const record of records) for (const term of parseTerms(record)) if (term.name !== 'all' && term.name !== 'redirect') terms.add(term.text);
  return ['v=spf1', ...terms, recommendedAll].join(' ');
}

export function checkSpf(domain: string, answer: TxtAnswer, walk?: SpfWalk): RecordCheck {
  if (answer.kind === 'failed') return lookupFailed('SPF', answer);
  const records = answer.kind === 'records' ? answer.records.filter(isSpfRecord) : [];

  if (records.length === 0) {
    return recordCheck('SPF', domain, [
      {
        level: 'error',
        rule: 'spf-missing',
        message: `no SPF record: receivers cannot tell which servers may send as ${domain}, and many file such mail as spam. Add one listing your email service (its setup page names the include).`,
        fix: { action: 'add', name: domain, type: 'TXT', value: `v=spf1 ${placeholder} ${recommendedAll}` },
      },
    ]);
  }
  if (records.length > 1) {
    return recordCheck(
      'SPF',
      domain,
      [
        {
          level: 'error',
          rule: 'spf-multiple',
          message: `${records.length} SPF records: receivers treat that as a permanent error and SPF fails for every message (RFC 7208 §4.5). Merge them into one.`,
          fix: { action: 'replace', name: domain, type: 'TXT', value: merge(records) },
        },
      ],
      records.join(' | ')
    );
  }

  const record = records[0]!;
  const terms = parseTerms(record);
  const problems: Problem[] = [];
  const unknown = terms.filter((term) => !term.modifier && !mechanisms.has(term.name));
  if (unknown.length) {
    problems.push({
      level: 'error',
      rule: 'spf-syntax',
      message: `unknown term${unknown.length > 1 ? 's' : ''} ${unknown.map((term) => `"${term.text}"`).join(', ')}: receivers treat the record as a permanent error (valid mechanisms: ${[...mechanisms].join(', ')}).`,
    });
  }
  const all = terms.find((term) => term.name === 'all' && !term.modifier);
  const withAll = (ending: string) => terms.map((term) => (term === all ? ending : term.text));
  if (all && (all.qualifier === '' || all.qualifier === '+')) {
    problems.push({
      level: 'error',
      rule: 'spf-pass-all',
      message: `"${all.text}" lets every server on the internet pass SPF as ${domain}, so anyone can send codes that look like yours. End with ${recommendedAll} (or -all).`,
      fix: { action: 'replace', name: domain, type: 'TXT', value: ['v=spf1', ...withAll(recommendedAll)].join(' ') },
    });
  } else if (all?.qualifier === '?') {
    problems.push({
      level: 'warning',
      rule: 'spf-neutral-all',
      message: `"?all" makes mail from unlisted servers neutral, as if there were no SPF. End with ${recommendedAll} (or -all).`,
      fix: { action: 'replace', name: domain, type: 'TXT', value: ['v=spf1', ...withAll(recommendedAll)].join(' ') },
    });
  } else if (!all && !terms.some((term) => term.name === 'redirect')) {
    problems.push({
      level: 'warning',
      rule: 'spf-no-all',
      message: `the record has no "all" at the end, so mail from unlisted servers is neutral. End it with ${recommendedAll} (or -all).`,
      fix: { action: 'replace', name: domain, type: 'TXT', value: [record, recommendedAll].join(' ') },
    });
  }
  if (walk) {
    problems.push(...walkProblems(walk));
    return recordCheck('SPF', domain, problems, record, [lookupSummary(walk)]);
  }
  const lookups = terms.filter((term) => querying.has(term.name)).length;
  if (lookups > lookupLimit) {
    problems.push({
      level: 'error',
      rule: 'spf-lookups',
      message: `${lookups} terms that need DNS lookups (include, a, mx, ptr, exists, redirect); over ${lookupLimit} is a permanent error (RFC 7208 §4.6.4). Replace some with ip4:/ip6: ranges.`,
    });
  }
  return recordCheck('SPF', domain, problems, record);
}

/** `7 DNS lookups of 10 allowed: include:_spf.google.com 4, mx 1, …` (RFC 7208 §4.6.4). */
function lookupSummary(walk: SpfWalk): string {
  const parts = walk.terms.map(({ term, lookups }) => `${term} ${lookups}`);
  return `${walk.lookups} DNS lookup${walk.lookups === 1 ? '' : 's'} of ${lookupLimit} allowed${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function* eachBranch(branches: readonly SpfBranch[], via: readonly string[] = []): Generator<{ branch: SpfBranch; via: readonly string[] }> {
  for (const branch of branches) {
    yield { branch, via };
    yield* eachBranch(branch.branches, [...via, branch.term]);
  }
}

function walkProblems(walk: SpfWalk): Problem[] {
  const problems: Problem[] = [];
  const incomplete = [...eachBranch(walk.branches)].some(({ branch }) => branch.issue && branch.issue.kind !== 'no-spf' && branch.issue.kind !== 'multiple');
  if (walk.lookups > lookupLimit) {
    problems.push({
      level: 'error',
      rule: 'spf-lookups',
      message: `${incomplete ? 'at least ' : ''}${walk.lookups} DNS lookups counting the included records; over ${lookupLimit} is a permanent error (RFC 7208 §4.6.4), so SPF fails for all your mail. Remove includes of services you no longer send through, or replace some with ip4:/ip6: ranges.`,
    });
  }
  for (const { branch, via } of eachBranch(walk.branches)) {
    const where = via.length ? `${branch.term} (in ${via.join(' → ')})` : branch.term;
    const issue = branch.issue;
    if (!issue) continue;
    if (issue.kind === 'no-spf') {
      problems.push({
        level: 'error',
        rule: 'spf-include-missing',
        message: `${where}: ${branch.target} has no SPF record, a permanent error where a receiver reaches it (RFC 7208 §5.2), so SPF fails. Correct the name (your email service's setup page gives it) or remove the term.`,
      });
    } else if (issue.kind === 'multiple') {
      problems.push({
        level: 'error',
        rule: 'spf-include-multiple',
        message: `${where}: ${branch.target} has ${issue.count} SPF records, a permanent error (RFC 7208 §4.5). Its owner must merge them; until then remove the term.`,
      });
    } else if (issue.kind === 'loop') {
      problems.push({
        level: 'error',
        rule: 'spf-include-loop',
        message: `${where}: ${branch.target} includes itself through this chain; receivers give up with a permanent error. Remove the term that closes the loop.`,
      });
    } else if (issue.kind === 'failed') {
      problems.push({
        level: 'error',
        rule: 'spf-include-failed',
        message: `${where}: the TXT lookup of ${branch.target} failed (${issue.code}), so it could not be followed and the lookup count is a lower bound. Retry.`,
      });
    } else if (issue.kind === 'macro') {
      problems.push({
        level: 'warning',
        rule: 'spf-include-macro',
        message: `${where}: a macro names another domain for each message, so it was not followed; it counts as 1 lookup here and more where receivers expand it.`,
      });
    } else {
      problems.push({
        level: 'warning',
        rule: 'spf-include-not-followed',
        message: `${where}: not followed, the walk had already made its maximum of TXT queries; the lookup count is a lower bound.`,
      });
    }
  }
  return problems;
}
