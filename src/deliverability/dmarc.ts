/**
 * DMARC (RFC 7489): the policy at _dmarc.<domain> telling receivers what to do with mail that
 * passes neither SPF nor DKIM for the From domain. Only an enforcing policy (quarantine or
 * reject) stops a forged code email from being delivered.
 */
import type { TxtAnswer } from './dns.ts';
import { parseTags } from './dkim.ts';
import { lookupFailed, recordCheck, type Problem, type RecordCheck } from './types.ts';

const policies = ['none', 'quarantine', 'reject'] as const;

export const isDmarcRecord = (record: string) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(record);

/**
 * Where receivers look for the policy: the domain itself, then each parent up to the registered
 * domain. The walk is DMARCbis's (draft-ietf-dmarc-dmarcbis), which replaces RFC 7489's public
 * suffix list; it stops at two labels, so `auth.example.co.uk` may ask `_dmarc.co.uk` (absent).
 */
export function dmarcNames(domain: string): string[] {
  const labels = domain.split('.');
  const names: string[] = [];
  for (let start = 0; labels.length - start >= 2; start++) names.push(`_dmarc.${labels.slice(start).join('.')}`);
  return names;
}

/** A record from tags, v first and p second as RFC 7489's grammar orders them. */
function format(tags: ReadonlyMap<string, string>): string {
  const rest = [...tags].filter(([tag]) => tag !== 'v' && tag !== 'p').map(([tag, value]) => `${tag}=${value}`);
  return ['v=DMARC1', ...(tags.has('p') ? [`p=${tags.get('p')}`] : []), ...rest].join('; ');
}

/**
 * `answers`: the lookups along dmarcNames(domain), in order, up to the first that found a
 * DMARC record or failed.
 */
export function checkDmarc(domain: string, answers: readonly TxtAnswer[]): RecordCheck {
  const own = `_dmarc.${domain}`;
  const last = answers.at(-1);
  if (last?.kind === 'failed') return lookupFailed('DMARC', last);
  const records = last?.kind === 'records' ? last.records.filter(isDmarcRecord) : [];
  if (!last || records.length === 0) {
    return recordCheck('DMARC', own, [
      {
        level: 'error',
        rule: 'dmarc-missing',
        message: `no DMARC policy for ${domain}: receivers decide alone what to do with mail that fails SPF and DKIM, and Gmail and Yahoo require one from bulk senders. Add one (reports go to the rua= address).`,
        fix: { action: 'add', name: own, type: 'TXT', value: `v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@${domain}` },
      },
    ]);
  }
  const name = last.name;
  if (records.length > 1) {
    return recordCheck(
      'DMARC',
      name,
      [
        {
          level: 'error',
          rule: 'dmarc-multiple',
          message: `${records.length} DMARC records at ${name}: receivers then apply no policy at all (RFC 7489 §6.6.3). Keep one.`,
        },
      ],
      records.join(' | ')
    );
  }

  const record = records[0]!;
  const tags = parseTags(record);
  const inherited = name !== own;
  // A parent's policy reaches subdomains through sp= when it is set (RFC 7489 §6.3).
  const policyTag = inherited && tags.has('sp') ? 'sp' : 'p';
  const policy = tags.get(policyTag)?.toLowerCase();
  const from = inherited ? ` (inherited from ${name})` : '';
  const problems: Problem[] = [];
  // Every problem's fix is the one record with all the changes applied, not a record per problem.
  const changes = new Map<string, string>();

  if (!policy || !(policies as readonly string[]).includes(policy)) {
    changes.set(policyTag, 'quarantine');
    problems.push({
      level: 'error',
      rule: 'dmarc-invalid',
      message: `${policyTag}=${policy ?? ''} is not a policy${from}: use one of ${policies.join(', ')}.`,
    });
  } else if (policy === 'none') {
    changes.set(policyTag, 'quarantine');
    problems.push({
      level: 'warning',
      rule: 'dmarc-none',
      message: `${policyTag}=none${from} only monitors: mail failing SPF and DKIM is still delivered, forged code emails included. Once the reports show your own mail passes, set ${policyTag}=quarantine (later ${policyTag}=reject).`,
    });
  }
  const pct = tags.get('pct');
  if (pct !== undefined && Number(pct) < 100 && policy !== 'none') {
    changes.set('pct', '100');
    problems.push({
      level: 'warning',
      rule: 'dmarc-pct',
      message: `pct=${pct}: the policy applies to ${pct}% of failing mail, the rest is delivered as under p=none. Raise it to 100.`,
    });
  }
  if (!tags.get('rua')) {
    // An address at the policy's own domain needs no external-destination record (RFC 7489 §7.1).
    changes.set('rua', `mailto:dmarc-reports@${name.slice('_dmarc.'.length)}`);
    problems.push({
      level: 'warning',
      rule: 'dmarc-no-rua',
      message: 'no rua= address: receivers send no aggregate reports, so you will not see mail that fails (or forgeries).',
    });
  }
  const fixed = new Map([...tags, ...changes]);
  if (inherited) {
    // A record of the sender domain's own, so the parent's policy for everything else stays as it is.
    fixed.set('p', changes.get(policyTag) ?? policy ?? 'quarantine');
    fixed.delete('sp');
  }
  const fix = { action: inherited ? ('add' as const) : ('replace' as const), name: inherited ? own : name, type: 'TXT' as const, value: format(fixed) };
  return recordCheck(
    'DMARC',
    name,
    problems.map((problem) => ({ ...problem, fix })),
    record
  );
}
