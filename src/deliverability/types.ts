/** What each of doctor's checks reports: the DNS name it read, the record found, problems and fixes. */
import type { TxtAnswer } from './dns.ts';

export type Mechanism = 'SPF' | 'DKIM' | 'DMARC';

/** The DNS change that fixes a problem: a TXT record to add, or the one to put in place of what is there. */
export interface Fix {
  action: 'add' | 'replace';
  name: string;
  type: 'TXT';
  value: string;
}

export interface Problem {
  level: 'error' | 'warning';
  /** Stable id for scripts and tests, e.g. `spf-missing`, `dmarc-none`, `dns-failed`. */
  rule: string;
  message: string;
  fix?: Fix;
}

export interface RecordCheck {
  mechanism: Mechanism;
  /** The DNS name looked up. */
  name: string;
  /** The record the verdict is about, when one was found. */
  record?: string;
  /** `unknown`: the lookup failed, so the record could not be checked. */
  status: 'ok' | 'warning' | 'error' | 'unknown';
  problems: Problem[];
  /** Facts worth a line of their own, e.g. SPF's DNS lookup count. */
  details?: string[];
}

export function recordCheck(mechanism: Mechanism, name: string, problems: Problem[], record?: string, details?: string[]): RecordCheck {
  const status = problems.some((problem) => problem.level === 'error') ? 'error' : problems.length ? 'warning' : 'ok';
  return { mechanism, name, ...(record === undefined ? {} : { record }), status, problems, ...(details?.length ? { details } : {}) };
}

/** A lookup that failed (SERVFAIL, timeout, refused): not the same as a missing record. */
export function lookupFailed(mechanism: Mechanism, answer: Extract<TxtAnswer, { kind: 'failed' }>): RecordCheck {
  return {
    mechanism,
    name: answer.name,
    status: 'unknown',
    problems: [
      {
        level: 'error',
        rule: 'dns-failed',
        message: `the TXT lookup of ${answer.name} failed (${answer.code}), so ${mechanism} could not be checked: the DNS server gave no answer, which is not the same as no record. Retry, or check the zone at your DNS provider.`,
      },
    ],
  };
}
