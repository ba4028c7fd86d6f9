/**
 * SPF (RFC 7208): the TXT record at the sender domain listing the servers allowed to send as it.
 * Checks what makes receivers ignore or distrust it: none or several records, a policy that lets
 * any server pass, unknown terms and more than 10 DNS-querying terms (both permanent errors).
 */
import type { TxtAnswer } from './dns.ts';
import { lookupFailed, recordCheck, type Problem, type RecordCheck } from './types.ts';

/** The recommended ending: mail from unlisted servers soft-fails, and DMARC decides what happens to it. */
const recommendedAll = '~all';
const placeholder = 'include:<your email service\'s SPF domain>';

export const isSpfRecord = (record: string) => /^v=spf1( |$)/i.test(record);

const mechanisms = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
/** Terms that make the receiver query DNS; over 10 of them is a permanent error (RFC 7208 §4.6.4). */
const querying = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);
const lookupLimit = 10;

interface Term {
  text: string;
  qualifier: string;
  name: string;
  modifier: boolean;
}

function parseTerms(record: string): Term[] {
  return record
    .split(/ +/)
    .slice(1)
    .filter(Boolean)
    .map((text) => {
      const modifier = /^[a-z][a-z0-9_.-]*=/i.exec(text);
      if (modifier) return { text, qualifier: '', name: modifier[0].slice(0, -1).toLowerCase(), modifier: true };
      const qualifier = /^[+\-~?]/.test(text) ? text[0]! : '';
      const name = text.slice(qualifier.length).split(/[:/]/)[0]!.toLowerCase();
      return { text, qualifier, name, modifier: false };
    });
}

/** One record from several: their terms once each, ending with the recommended `all`. */
function merge(records: readonly string[]): string {
  const terms = new Set<string>();
  for (const record of records) for (const term of parseTerms(record)) if (term.name !== 'all' && term.name !== 'redirect') terms.add(term.text);
  return ['v=spf1', ...terms, recommendedAll].join(' ');
}

export function checkSpf(domain: string, answer: TxtAnswer): RecordCheck {
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
    return recordCheck('SPF', domain, [
      {
        level: 'error',
        rule: 'spf-multiple',
        message: `${records.length} SPF records: receivers treat that as a permanent error and SPF fails for every message (RFC 7208 §4.5). Merge them into one.`,
        fix: { action: 'replace', name: domain, type: 'TXT', value: merge(records) },
      },
    ], records.join(' | '));
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
