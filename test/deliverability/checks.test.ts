/** The pure verdicts of `authmail doctor`, one mechanism at a time, on fixed TXT answers. */
import { describe, expect, it } from 'vitest';
import type { TxtAnswer } from '../../src/deliverability/dns.ts';
import { checkCommonSelectors, checkDkim, commonSelectors } from '../../src/deliverability/dkim.ts';
import { checkDmarc, dmarcNames } from '../../src/deliverability/dmarc.ts';
import { checkSpf } from '../../src/deliverability/spf.ts';
import type { RecordCheck } from '../../src/deliverability/types.ts';
import { ed25519PublicKey, rsaPublicKey } from './keys.ts';

const domain = 'auth.example.com';
const found = (name: string, ...records: string[]): TxtAnswer => ({ kind: 'records', name, records });
const none = (name: string, code: 'ENOTFOUND' | 'ENODATA' = 'ENOTFOUND'): TxtAnswer => ({ kind: 'none', name, code });
const failed = (name: string, code = 'ESERVFAIL'): TxtAnswer => ({ kind: 'failed', name, code, message: `queryTxt ${code} ${name}` });
const rules = (check: RecordCheck) => check.problems.map((problem) => `${problem.level}:${problem.rule}`);

describe('SPF', () => {
  it('passes one record that ends with -all or ~all', () => {
    for (const record of ['v=spf1 include:_spf.mail.example -all', 'v=spf1 ip4:192.0.2.0/24 mx ~all', 'v=spf1 redirect=_spf.example.com']) {
      const check = checkSpf(domain, found(domain, 'google-site-verification=abc', record));
      expect(check).toMatchObject({ mechanism: 'SPF', name: domain, record, status: 'ok', problems: [] });
    }
  });

  it('reports a missing record (no TXT at all, or none starting v=spf1) with the record to add', () => {
    for (const answer of [none(domain), none(domain, 'ENODATA'), found(domain, 'v=spf10 -all', 'spf1 -all')]) {
      const check = checkSpf(domain, answer);
      expect(check.status).toBe('error');
      expect(rules(check)).toEqual(['error:spf-missing']);
      expect(check.problems[0]!.fix).toEqual({ action: 'add', name: domain, type: 'TXT', value: "v=spf1 include:<your email service's SPF domain> ~all" });
    }
  });

  it('reports several records as a permanent error and proposes one merged record', () => {
    const check = checkSpf(domain, found(domain, 'v=spf1 include:sendgrid.net -all', 'v=spf1 include:mailgun.org include:sendgrid.net ~all'));
    expect(rules(check)).toEqual(['error:spf-multiple']);
    expect(check.problems[0]!.message).toMatch(/^2 SPF records: .*permanent error/);
    expect(check.problems[0]!.fix).toMatchObject({ action: 'replace', value: 'v=spf1 include:sendgrid.net include:mailgun.org ~all' });
  });

  it('fails +all and a bare all (anyone may send), and shows the record with ~all', () => {
    for (const [record, fixed] of [
      ['v=spf1 include:_spf.mail.example +all', 'v=spf1 include:_spf.mail.example ~all'],
      ['v=spf1 mx all', 'v=spf1 mx ~all'],
    ] as const) {
      const check = checkSpf(domain, found(domain, record));
      expect(rules(check)).toEqual(['error:spf-pass-all']);
      expect(check.problems[0]!.message).toContain('lets every server on the internet pass SPF');
      expect(check.problems[0]!.fix?.value).toBe(fixed);
    }
  });

  it('warns on ?all and on a record without all', () => {
    expect(rules(checkSpf(domain, found(domain, 'v=spf1 mx ?all')))).toEqual(['warning:spf-neutral-all']);
    const open = checkSpf(domain, found(domain, 'v=spf1 mx'));
    expect(rules(open)).toEqual(['warning:spf-no-all']);
    expect(open.status).toBe('warning');
    expect(open.problems[0]!.fix?.value).toBe('v=spf1 mx ~all');
  });

  it('fails unknown mechanisms and more than 10 DNS-querying terms', () => {
    expect(rules(checkSpf(domain, found(domain, 'v=spf1 ipv4:192.0.2.1 -all')))).toEqual(['error:spf-syntax']);
    const includes = Array.from({ length: 11 }, (_, index) => `include:s${index}.example.net`).join(' ');
    const check = checkSpf(domain, found(domain, `v=spf1 ${includes} -all`));
    expect(rules(check)).toEqual(['error:spf-lookups']);
    expect(check.problems[0]!.message).toMatch(/^11 terms that need DNS lookups/);
    expect(rules(checkSpf(domain, found(domain, `v=spf1 ${includes.split(' ').slice(1).join(' ')} -all`)))).toEqual([]);
  });

  it('a failed lookup is unknown, not missing', () => {
    const check = checkSpf(domain, failed(domain));
    expect(check.status).toBe('unknown');
    expect(rules(check)).toEqual(['error:dns-failed']);
    expect(check.problems[0]!.message).toContain(`the TXT lookup of ${domain} failed (ESERVFAIL)`);
    expect(check.problems[0]!.fix).toBeUndefined();
  });
});

describe('DKIM', () => {
  const name = `s1._domainkey.${domain}`;

  it('passes a 2048-bit RSA key and an ed25519 key', () => {
    const rsa = `v=DKIM1; k=rsa; p=${rsaPublicKey(2048)}`;
    expect(checkDkim(domain, 's1', found(name, rsa))).toMatchObject({ mechanism: 'DKIM', name, record: rsa, status: 'ok' });
    const ed = `v=DKIM1; k=ed25519; p=${ed25519PublicKey()}`;
    expect(checkDkim(domain, 's1', found(name, ed)).status).toBe('ok');
  });

  it('reports no key for the selector with the record to add', () => {
    const check = checkDkim(domain, 's1', none(name));
    expect(rules(check)).toEqual(['error:dkim-missing']);
    expect(check.problems[0]!.message).toContain('no DKIM key for selector "s1"');
    expect(check.problems[0]!.fix).toMatchObject({ action: 'add', name, type: 'TXT' });
    expect(check.problems[0]!.fix!.value).toMatch(/^v=DKIM1; k=rsa; p=</);
  });

  it('fails revoked, broken and short keys; warns on 1024 bits and on t=y', () => {
    expect(rules(checkDkim(domain, 's1', found(name, 'v=DKIM1; p=')))).toEqual(['error:dkim-revoked']);
    expect(rules(checkDkim(domain, 's1', found(name, 'v=DKIM1; p=not*base64')))).toEqual(['error:dkim-invalid']);
    expect(rules(checkDkim(domain, 's1', found(name, 'v=DKIM1; p=AAAABBBB')))).toEqual(['error:dkim-invalid']);
    expect(rules(checkDkim(domain, 's1', found(name, `v=DKIM1; p=${rsaPublicKey(512)}`)))).toEqual(['error:dkim-weak']);
    const medium = checkDkim(domain, 's1', found(name, `v=DKIM1; t=y; p=${rsaPublicKey(1024)}`));
    expect(rules(medium)).toEqual(['warning:dkim-weak', 'warning:dkim-testing']);
    expect(medium.problems[0]!.message).toContain('1024 bits');
  });

  it('without --selector: keys found under common selectors, or one problem naming them', () => {
    const key = `v=DKIM1; p=${rsaPublicKey(2048)}`;
    const answers = commonSelectors.map((selector) => ({
      selector,
      answer: selector === 'google' ? found(`google._domainkey.${domain}`, key) : none(`${selector}._domainkey.${domain}`),
    }));
    expect(checkCommonSelectors(domain, answers).map((check) => [check.name, check.status])).toEqual([[`google._domainkey.${domain}`, 'ok']]);

    const missing = checkCommonSelectors(
      domain,
      answers.map(({ selector }) => ({ selector, answer: none(`${selector}._domainkey.${domain}`) }))
    );
    expect(missing).toHaveLength(1);
    expect(rules(missing[0]!)).toEqual(['error:dkim-missing']);
    expect(missing[0]!.problems[0]!.message).toContain(`common selectors (${commonSelectors.join(', ')})`);
    expect(missing[0]!.problems[0]!.message).toContain('--selector');
  });

  it('without --selector, a failed lookup is reported beside the missing key', () => {
    const answers = commonSelectors.map((selector) => ({
      selector,
      answer: selector === 's1' ? failed(`s1._domainkey.${domain}`, 'ETIMEOUT') : none(`${selector}._domainkey.${domain}`),
    }));
    expect(checkCommonSelectors(domain, answers).map((check) => check.status)).toEqual(['error', 'unknown']);
  });
});

describe('DMARC', () => {
  const own = `_dmarc.${domain}`;

  it('walks from the domain up to the registered domain', () => {
    expect(dmarcNames('a.auth.example.com')).toEqual(['_dmarc.a.auth.example.com', '_dmarc.auth.example.com', '_dmarc.example.com']);
    expect(dmarcNames('example.com')).toEqual(['_dmarc.example.com']);
  });

  it('passes an enforcing policy with reports', () => {
    for (const record of ['v=DMARC1; p=reject; rua=mailto:d@example.com', 'v=DMARC1;p=quarantine;rua=mailto:d@example.com;pct=100']) {
      expect(checkDmarc(domain, [found(own, record)])).toMatchObject({ mechanism: 'DMARC', name: own, record, status: 'ok', problems: [] });
    }
  });

  it('reports a missing policy with the record to add', () => {
    const check = checkDmarc(domain, [none(own), none('_dmarc.example.com')]);
    expect(rules(check)).toEqual(['error:dmarc-missing']);
    expect(check.name).toBe(own);
    expect(check.problems[0]!.fix).toEqual({ action: 'add', name: own, type: 'TXT', value: `v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@${domain}` });
  });

  it('warns on p=none and says what to set, keeping the other tags', () => {
    const check = checkDmarc(domain, [found(own, 'v=DMARC1; p=none; rua=mailto:d@example.com; adkim=s')]);
    expect(check.status).toBe('warning');
    expect(rules(check)).toEqual(['warning:dmarc-none']);
    expect(check.problems[0]!.message).toContain('p=none only monitors');
    expect(check.problems[0]!.message).toContain('set p=quarantine');
    expect(check.problems[0]!.fix).toEqual({ action: 'replace', name: own, type: 'TXT', value: 'v=DMARC1; p=quarantine; rua=mailto:d@example.com; adkim=s' });
  });

  it('one fix record carries every change (p, rua, pct)', () => {
    const none_ = checkDmarc(domain, [found(own, 'v=DMARC1; p=none')]);
    expect(rules(none_)).toEqual(['warning:dmarc-none', 'warning:dmarc-no-rua']);
    expect(new Set(none_.problems.map((problem) => problem.fix?.value))).toEqual(new Set([`v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@${domain}`]));
    const partial = checkDmarc(domain, [found(own, 'v=DMARC1; pct=20; p=reject; rua=mailto:d@example.com')]);
    expect(rules(partial)).toEqual(['warning:dmarc-pct']);
    expect(partial.problems[0]!.fix?.value).toBe('v=DMARC1; p=reject; pct=100; rua=mailto:d@example.com');
  });

  it("a parent policy applies through sp=; its fix is a record of the sender domain's own", () => {
    const parent = '_dmarc.example.com';
    const inherited = checkDmarc(domain, [none(own), found(parent, 'v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com')]);
    expect(inherited.name).toBe(parent);
    expect(rules(inherited)).toEqual(['warning:dmarc-none']);
    expect(inherited.problems[0]!.message).toContain(`sp=none (inherited from ${parent})`);
    expect(inherited.problems[0]!.fix).toEqual({ action: 'add', name: own, type: 'TXT', value: 'v=DMARC1; p=quarantine; rua=mailto:d@example.com' });
    expect(checkDmarc(domain, [none(own), found(parent, 'v=DMARC1; p=reject; rua=mailto:d@example.com')]).status).toBe('ok');
  });

  it('fails several records and an invalid policy', () => {
    expect(rules(checkDmarc(domain, [found(own, 'v=DMARC1; p=reject; rua=mailto:a@example.com', 'v=DMARC1; p=none')]))).toEqual(['error:dmarc-multiple']);
    expect(rules(checkDmarc(domain, [found(own, 'v=DMARC1; p=block; rua=mailto:a@example.com')]))).toEqual(['error:dmarc-invalid']);
  });

  it('a failed lookup is unknown, not missing', () => {
    const check = checkDmarc(domain, [failed(own, 'EREFUSED')]);
    expect(check.status).toBe('unknown');
    expect(rules(check)).toEqual(['error:dns-failed']);
  });
});
