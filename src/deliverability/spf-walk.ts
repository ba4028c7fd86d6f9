/**
 * An SPF record's include: and redirect= targets, followed as a receiver follows them
 * (RFC 7208 §5.2, §6.1), to count the DNS-querying terms of the whole evaluation: the limit of
 * 10 (§4.6.4) covers the included records too, so three includes can be over it when they hold
 * eight more. The I/O half of the SPF check; spf.ts turns the walk into problems.
 */
import { lookupTxt, type TxtResolver } from './dns.ts';
import { isSpfRecord, parseSpfTerms, spfQuerying } from './spf-terms.ts';

export type SpfBranchIssue =
  /** The target has no SPF record: a permanent error where the receiver reaches it. */
  | { kind: 'no-spf' }
  | { kind: 'multiple'; count: number }
  | { kind: 'failed'; code: string }
  /** The target includes a record already on the way to it. */
  | { kind: 'loop' }
  /** A macro (`%{i}`) names a different domain for each message: it cannot be followed here. */
  | { kind: 'macro' }
  /** Not followed: the walk already made `maxLookups` TXT queries. */
  | { kind: 'too-many' };

export interface SpfBranch {
  /** The term as written: `include:_spf.example.com` or `redirect=_spf.example.com`. */
  term: string;
  target: string;
  /** DNS-querying terms this term costs: itself and everything in the record it reaches. */
  lookups: number;
  issue?: SpfBranchIssue;
  branches: SpfBranch[];
}

export interface SpfWalk {
  /** DNS-querying terms in the whole evaluation (the record's own and the included ones). */
  lookups: number;
  /** Each querying term of the record with what it costs, in record order. */
  terms: { term: string; lookups: number }[];
  branches: SpfBranch[];
}

/** A bound on the TXT queries one walk makes, far above what a valid record needs (10). */
const maxLookups = 40;

export async function walkSpf(resolver: TxtResolver, domain: string, record: string): Promise<SpfWalk> {
  let queries = 0;

  async function follow(term: string, target: string, path: readonly string[]): Promise<SpfBranch> {
    const branch = (issue: SpfBranchIssue): SpfBranch => ({ term, target, lookups: 1, issue, branches: [] });
    if (target.includes('%')) return branch({ kind: 'macro' });
    if (path.includes(target)) return branch({ kind: 'loop' });
    if (queries >= maxLookups) return branch({ kind: 'too-many' });
    queries++;
    const answer = await lookupTxt(resolver, target);
    if (answer.kind === 'failed') return branch({ kind: 'failed', code: answer.code });
    const records = answer.kind === 'records' ? answer.records.filter(isSpfRecord) : [];
    if (records.length === 0) return branch({ kind: 'no-spf' });
    if (records.length > 1) return branch({ kind: 'multiple', count: records.length });
    const walked = await walkRecord(records[0]!, [...path, target]);
    return { term, target, lookups: 1 + walked.lookups, branches: walked.branches };
  }

  async function walkRecord(text: string, path: readonly string[]): Promise<SpfWalk> {
    const terms = parseSpfTerms(text);
    // redirect= is not evaluated when the record has an "all" (RFC 7208 §6.1), so it costs nothing.
    const hasAll = terms.some((term) => term.name === 'all' && !term.modifier);
    const costs = await Promise.all(
      terms
        .filter((term) => spfQuerying.has(term.name) && !(term.name === 'redirect' && hasAll))
        .map(async (term) => {
          if (term.name !== 'include' && term.name !== 'redirect') return { term: term.text, lookups: 1 };
          const target = term.text
            .slice(term.text.search(term.modifier ? /=/ : /:/) + 1)
            .toLowerCase()
            .replace(/\.$/, '');
          const branch = await follow(term.text, target, path);
          return { term: term.text, lookups: branch.lookups, branch };
        })
    );
    return {
      lookups: costs.reduce((sum, cost) => sum + cost.lookups, 0),
      terms: costs.map(({ term, lookups }) => ({ term, lookups })),
      branches: costs.flatMap((cost) => ('branch' in cost && cost.branch ? [cost.branch] : [])),
    };
  }

  return walkRecord(record, [domain.toLowerCase()]);
}
