/**
 * `authmail doctor` end to end: the command, through main(), with node's real resolver pointed at
 * a DNS server on 127.0.0.1 that serves fixed zones (offline, real packets and error codes).
 */
import { generateKeyPairSync } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { runDoctor, type DoctorReport } from '../../src/deliverability/doctor.ts';
import { senderDomain } from '../../src/deliverability/names.ts';
import { captureIo } from '../helpers/io.ts';
import { startDnsServer, type DnsServer, type Zone } from '../helpers/dns-server.ts';
import { rsaPublicKey, txt } from './keys.ts';

const key = `v=DKIM1; k=rsa; p=${rsaPublicKey(2048)}`;
const spf = 'v=spf1 include:_spf.mail.example -all';
const dmarc = 'v=DMARC1; p=reject; rua=mailto:dmarc@example.com';

const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingPem = signing.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const signingRecord = `v=DKIM1; k=rsa; p=${signing.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

/** One sender domain per case, all in one zone. */
const zone: Zone = {
  'good.example.com': [['google-site-verification=x'], txt(spf)],
  's1._domainkey.good.example.com': [txt(key)],
  '_dmarc.good.example.com': [txt(dmarc)],

  'nospf.example.com': [['google-site-verification=x']],
  's1._domainkey.nospf.example.com': [txt(key)],
  '_dmarc.nospf.example.com': [txt(dmarc)],

  'twospf.example.com': [['v=spf1 include:a.example -all'], ['v=spf1 +all']],
  's1._domainkey.twospf.example.com': [txt(key)],
  '_dmarc.twospf.example.com': [txt(dmarc)],

  'monitor.example.com': [txt(spf)],
  's1._domainkey.monitor.example.com': [txt(key)],
  '_dmarc.monitor.example.com': [['v=DMARC1; p=none; rua=mailto:dmarc@example.com']],

  'nokey.example.com': [txt(spf)],
  '_dmarc.nokey.example.com': [txt(dmarc)],

  // DMARC only at the parent (example.net), applied to the subdomain through sp=.
  'auth.example.net': [txt(spf)],
  'google._domainkey.auth.example.net': [txt(key)],
  '_dmarc.example.net': [['v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.net']],

  'broken.example.com': 'SERVFAIL',
  's1._domainkey.broken.example.com': [txt(key)],
  '_dmarc.broken.example.com': [txt(dmarc)],

  // Published: the public half of the key serve signs with (the --dkim-key cases).
  'signed.example.com': [txt(spf)],
  'authmail1._domainkey.signed.example.com': [txt(signingRecord)],
  '_dmarc.signed.example.com': [txt(dmarc)],

  // The email service's SPF record that every sender above includes: 1 + 1 + a + mx = 4 lookups.
  '_spf.mail.example': [['v=spf1 ip4:192.0.2.0/24 include:_spf2.mail.example ~all']],
  '_spf2.mail.example': [['v=spf1 ip4:198.51.100.0/24 a mx ~all']],

  // SPF lookups counted through includes (RFC 7208 §4.6.4): 3 own terms, 12 in all.
  'deep.example.com': [['v=spf1 include:_spf.mail.example include:big.mail.example mx -all']],
  'big.mail.example': [['v=spf1 a mx exists:%{i}.x.mail.example include:_spf2.mail.example ptr ~all']],
  's1._domainkey.deep.example.com': [txt(key)],
  '_dmarc.deep.example.com': [txt(dmarc)],
  // An include that leads nowhere, one that loops, one that fails, and a redirect.
  'brokeninc.example.com': [['v=spf1 include:gone.mail.example include:loop1.mail.example include:servfail.mail.example -all']],
  'loop1.mail.example': [['v=spf1 include:loop2.mail.example ~all']],
  'loop2.mail.example': [['v=spf1 include:loop1.mail.example ~all']],
  'servfail.mail.example': 'SERVFAIL',
  's1._domainkey.brokeninc.example.com': [txt(key)],
  '_dmarc.brokeninc.example.com': [txt(dmarc)],
  'redirected.example.com': [['v=spf1 redirect=_spf.mail.example']],
  'macro.example.com': [['v=spf1 include:%{d}.spf.mail.example -all']],
  // A chain of 45 includes: doctor stops following after 40 TXT queries.
  'chain.example.com': [['v=spf1 include:c0.mail.example -all']],
  ...Object.fromEntries(Array.from({ length: 45 }, (_, index) => [`c${index}.mail.example`, [[`v=spf1 include:c${index + 1}.mail.example ~all`]]])),
  's1._domainkey.redirected.example.com': [txt(key)],
  '_dmarc.redirected.example.com': [txt(dmarc)],

  // Alignment: From auth.align.example.com; DMARC (relaxed) at the organizational domain.
  'auth.align.example.com': [txt(spf)],
  '_dmarc.align.example.com': [txt(dmarc)],
  's1._domainkey.align.example.com': [txt(key)],
  's1._domainkey.other.example.org': [txt(key)],
  // Strict DKIM alignment (adkim=s) at the From domain itself.
  'strict.example.com': [txt(spf)],
  '_dmarc.strict.example.com': [['v=DMARC1; p=reject; adkim=s; rua=mailto:dmarc@strict.example.com']],
  's1._domainkey.strict.example.com': [txt(key)],
  's1._domainkey.mail.strict.example.com': [txt(key)],

  'slow.example.com': [txt(spf)],
  's1._domainkey.slow.example.com': 'drop',
  '_dmarc.slow.example.com': [txt(dmarc)],
};

let dns: DnsServer;
let resolver: Resolver;
let keyDir: string;
let keyFile: string;
beforeAll(async () => {
  keyDir = mkdtempSync(join(tmpdir(), 'authmail-doctor-'));
  keyFile = join(keyDir, 'dkim.pem');
  writeFileSync(keyFile, signingPem, { mode: 0o600 });
  dns = await startDnsServer(zone);
  resolver = new Resolver({ timeout: 300, tries: 1 });
  resolver.setServers([dns.address]);
});
afterAll(() => {
  rmSync(keyDir, { recursive: true, force: true });
  return dns?.close();
});

async function doctor(...args: string[]) {
  const io = captureIo();
  const code = await main(['node', 'authmail', 'doctor', ...args], io, { resolver });
  return { code, io, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('authmail doctor', () => {
  it('all good: three ✓ lines, the records found, exit 0', async () => {
    const { code, stdout, stderr } = await doctor('good.example.com', '--selector', 's1');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`✓ SPF    good.example.com\n         ${spf}`);
    expect(stdout).toContain('✓ DKIM   s1._domainkey.good.example.com');
    expect(stdout).toContain(`✓ DMARC  _dmarc.good.example.com\n         ${dmarc}`);
    expect(stdout).toMatch(/0 problems, 0 warnings: PASSED$/);
  });

  it('SPF missing: names the problem and the record to add, exit 1', async () => {
    const { code, stdout, stderr } = await doctor('nospf.example.com', '-s', 's1');
    expect(code).toBe(1);
    expect(stdout).toContain('✗ SPF    nospf.example.com');
    expect(stdout).toContain('error    no SPF record');
    expect(stdout).toContain('add      nospf.example.com  TXT  "v=spf1 include:<your email service\'s SPF domain> ~all"');
    expect(stdout).toMatch(/1 problem, 0 warnings: FAILED$/);
    expect(stderr).toBe('authmail: doctor: 1 problem for nospf.example.com (report above)');
  });

  it('two SPF records (one with +all): the merged replacement', async () => {
    const { code, stdout } = await doctor('twospf.example.com', '-s', 's1');
    expect(code).toBe(1);
    expect(stdout).toContain('2 SPF records');
    expect(stdout).toContain('replace  twospf.example.com  TXT  "v=spf1 include:a.example ~all"');
  });

  it('DMARC p=none: a warning saying what to set; exit 0, or 1 with --strict', async () => {
    const loose = await doctor('monitor.example.com', '-s', 's1');
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain('! DMARC  _dmarc.monitor.example.com');
    expect(loose.stdout).toContain('set p=quarantine');
    expect(loose.stdout).toContain('replace  _dmarc.monitor.example.com  TXT  "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"');
    expect(loose.stdout).toMatch(/0 problems, 1 warning: PASSED$/);
    const strict = await doctor('monitor.example.com', '-s', 's1', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('authmail: doctor: 0 problems and 1 warning (--strict) for monitor.example.com (report above)');
  });

  it('no DKIM key for the given selector, and none under the common ones', async () => {
    const given = await doctor('nokey.example.com', '--selector', 's1,s2');
    expect(given.code).toBe(1);
    expect(given.stdout).toContain('✗ DKIM   s1._domainkey.nokey.example.com');
    expect(given.stdout).toContain('✗ DKIM   s2._domainkey.nokey.example.com');
    expect(given.stdout).toContain('no DKIM key for selector "s2"');
    expect(given.stdout).toMatch(/add {6}s1\._domainkey\.nokey\.example\.com {2}TXT {2}"v=DKIM1; k=rsa; p=</);

    const common = await doctor('nokey.example.com');
    expect(common.code).toBe(1);
    expect(common.stdout).toContain('no DKIM key under the common selectors (default, google');
  });

  it('finds a key under a common selector, and a parent DMARC policy through sp=', async () => {
    dns.queries.length = 0;
    const { code, stdout } = await doctor('noreply@auth.example.net');
    expect(stdout).toContain('✓ DKIM   google._domainkey.auth.example.net');
    expect(stdout).toContain('✓ DMARC  _dmarc.example.net');
    expect(code).toBe(0);
    expect(dns.queries).toEqual(expect.arrayContaining(['_dmarc.auth.example.net', '_dmarc.example.net', 'selector1._domainkey.auth.example.net']));
  });

  it('DNS errors: SERVFAIL and a timeout are "could not check", not "missing"', async () => {
    const servfail = await doctor('broken.example.com', '-s', 's1');
    expect(servfail.code).toBe(1);
    expect(servfail.stdout).toContain('? SPF    broken.example.com');
    expect(servfail.stdout).toContain('the TXT lookup of broken.example.com failed (ESERVFAIL)');
    expect(servfail.stdout).toContain('not the same as no record');
    expect(servfail.stdout).not.toContain('no SPF record');
    expect(servfail.stdout).not.toContain('add      broken.example.com');

    const timeout = await doctor('slow.example.com', '-s', 's1');
    expect(timeout.code).toBe(1);
    expect(timeout.stdout).toContain('? DKIM   s1._domainkey.slow.example.com');
    expect(timeout.stdout).toContain('failed (ETIMEOUT)');
  });

  it('NXDOMAIN and NODATA are both "no record"', async () => {
    const report = await runDoctor('nokey.example.com', { selectors: ['s1'], resolver });
    expect(report.checks.find((check) => check.mechanism === 'DKIM')?.problems.map((problem) => problem.rule)).toEqual(['dkim-missing']);
    const nodata = await runDoctor('nospf.example.com', { selectors: ['s1'], resolver }); // TXT present, none SPF
    expect(nodata.checks[0]!.problems.map((problem) => problem.rule)).toEqual(['spf-missing']);
  });

  it('--json prints the whole report', async () => {
    const { code, stdout } = await doctor('monitor.example.com', '-s', 's1', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report).toMatchObject({ domain: 'monitor.example.com', selectors: { names: ['s1'], given: true }, errors: 0, warnings: 1 });
    expect(report.checks.map((check) => [check.mechanism, check.status])).toEqual([
      ['SPF', 'ok'],
      ['DKIM', 'ok'],
      ['DMARC', 'warning'],
    ]);
    expect(report.checks[2]!.problems[0]).toMatchObject({ rule: 'dmarc-none', fix: { action: 'replace', name: '_dmarc.monitor.example.com', type: 'TXT' } });
  });

  it('bad usage exits 2 naming the bad input', async () => {
    const domain = await doctor('not a domain');
    expect(domain.code).toBe(2);
    expect(domain.stderr).toContain("value 'not a domain' is invalid for argument 'domain'");
    expect(domain.stderr).toContain('not a domain name or an email address');
    const selector = await doctor('good.example.com', '--selector', 's1,bad selector');
    expect(selector.code).toBe(2);
    expect(selector.stderr).toContain('"bad selector" is not a DKIM selector');
    expect((await doctor()).code).toBe(2);
  });

  it('--help names the options and the exit codes', async () => {
    const { code, stdout } = await doctor('--help');
    expect(code).toBe(0);
    for (const text of ['[domain]', '--selector <list>', '--strict', '--json', 'default: try default, google', '2 on bad usage'])
      expect(stdout).toContain(text);
  });
});

describe('authmail doctor: SPF includes followed (RFC 7208 §4.6.4)', () => {
  it('counts the lookups of the whole tree and prints them per term', async () => {
    const { code, stdout } = await doctor('good.example.com', '--selector', 's1');
    expect(code).toBe(0);
    expect(stdout).toContain(`✓ SPF    good.example.com\n         ${spf}\n         4 DNS lookups of 10 allowed: include:_spf.mail.example 4\n`);
    expect(dns.queries).toContain('_spf2.mail.example');
  });

  it('fails over 10 lookups counted through includes, though the record itself has 3', async () => {
    const { code, stdout } = await doctor('deep.example.com', '--selector', 's1');
    expect(code).toBe(1);
    // include:_spf.mail.example 4; include:big 1 + a, mx, exists, ptr 4 + include:_spf2 3 = 8; mx 1.
    expect(stdout).toContain('13 DNS lookups of 10 allowed: include:_spf.mail.example 4, include:big.mail.example 8, mx 1');
    expect(stdout).toContain('error    13 DNS lookups counting the included records; over 10 is a permanent error (RFC 7208 §4.6.4)');
    const report = await runDoctor('deep.example.com', { selectors: ['s1'], resolver });
    expect(report.checks[0]!.problems.map((problem) => problem.rule)).toEqual(['spf-lookups']);
  });

  it('an include without SPF, an include loop and a failed lookup are each named, with where they are', async () => {
    const report = await runDoctor('brokeninc.example.com', { selectors: ['s1'], resolver });
    const spfCheck = report.checks[0]!;
    expect(spfCheck.status).toBe('error');
    expect(spfCheck.problems.map((problem) => problem.rule)).toEqual(['spf-include-missing', 'spf-include-loop', 'spf-include-failed']);
    const [missing, loop, failed] = spfCheck.problems.map((problem) => problem.message);
    expect(missing).toMatch(/^include:gone\.mail\.example: gone\.mail\.example has no SPF record, a permanent error/);
    expect(failed).toMatch(/^include:servfail\.mail\.example: the TXT lookup of servfail\.mail\.example failed \(ESERVFAIL\)/);
    expect(loop).toMatch(
      /^include:loop1\.mail\.example \(in include:loop1\.mail\.example → include:loop2\.mail\.example\): loop1\.mail\.example includes itself/
    );
  });

  it('an include with a macro is not followed: a warning, counted as 1', async () => {
    const report = await runDoctor('macro.example.com', { selectors: ['s1'], resolver });
    expect(report.checks[0]!.problems).toEqual([expect.objectContaining({ level: 'warning', rule: 'spf-include-macro' })]);
    expect(report.checks[0]!.details).toEqual(['1 DNS lookup of 10 allowed: include:%{d}.spf.mail.example 1']);
    expect(dns.queries.some((name) => name.includes('%'))).toBe(false);
  });

  it('stops following after 40 TXT queries, saying the count is a lower bound', async () => {
    const before = dns.queries.length;
    const report = await runDoctor('chain.example.com', { selectors: ['s1'], resolver });
    expect(dns.queries.slice(before).filter((name) => /^c\d+\.mail\.example$/.test(name))).toHaveLength(40);
    expect(report.checks[0]!.problems.map((problem) => problem.rule)).toEqual(['spf-lookups', 'spf-include-not-followed']);
    expect(report.checks[0]!.problems[0]!.message).toMatch(/^at least 41 DNS lookups counting the included records/);
    expect(report.checks[0]!.problems[1]!.message).toMatch(
      /^include:c40\.mail\.example \(in include:c0\.mail\.example → .* → include:c39\.mail\.example\): not followed/
    );
  });

  it('follows redirect= (and counts it)', async () => {
    const report = await runDoctor('redirected.example.com', { selectors: ['s1'], resolver });
    expect(report.checks[0]!.status).toBe('ok');
    expect(report.checks[0]!.details).toEqual(['4 DNS lookups of 10 allowed: redirect=_spf.mail.example 4']);
  });
});

describe('authmail doctor --dkim-domain (From/DKIM alignment, RFC 7489 §3.1.1)', () => {
  it('relaxed: d= at the organizational domain aligns with a From subdomain; the key is looked up under d=', async () => {
    const { code, stdout } = await doctor('noreply@auth.align.example.com', '--selector', 's1', '--dkim-domain', 'align.example.com');
    expect(code).toBe(0);
    expect(stdout).toContain('✓ DKIM   s1._domainkey.align.example.com');
    expect(stdout).toContain(
      '✓ DKIM   d=align.example.com for From auth.align.example.com\n         aligned (relaxed, organizational domain align.example.com): yes'
    );
  });

  it('relaxed: d= in another organizational domain fails, naming both and the fix', async () => {
    const { code, stdout } = await doctor('auth.align.example.com', '--selector', 's1', '--dkim-domain', 'other.example.org');
    expect(code).toBe(1);
    expect(stdout).toContain('✗ DKIM   d=other.example.org for From auth.align.example.com');
    expect(stdout).toContain(
      'error    d=other.example.org (organizational domain example.org) does not align with the From domain auth.align.example.com (organizational domain align.example.com): DMARC ignores the signature'
    );
    const report = await runDoctor('auth.align.example.com', { selectors: ['s1'], resolver, signingDomain: 'other.example.org' });
    expect(report.checks.find((check) => check.name.startsWith('d='))!.problems.map((problem) => problem.rule)).toEqual(['dkim-unaligned']);
  });

  it('strict (adkim=s): only the From domain itself aligns', async () => {
    const sub = await doctor('strict.example.com', '--selector', 's1', '--dkim-domain', 'mail.strict.example.com');
    expect(sub.code).toBe(1);
    expect(sub.stdout).toContain(
      'error    the DMARC policy sets adkim=s (strict), so a signature counts only when d= is the From domain itself; d=mail.strict.example.com is not strict.example.com'
    );
    const same = await doctor('strict.example.com', '--selector', 's1', '--dkim-domain', 'strict.example.com');
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('aligned (strict): yes');
  });

  it('refuses a signing domain that is not a domain name (exit 2)', async () => {
    const bad = await doctor('strict.example.com', '--dkim-domain', 'no-reply@strict.example.com');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("not a domain name (the d= your mail is signed with: serve's AUTHMAIL_DKIM_DOMAIN");
  });
});

describe('authmail doctor --dkim-key (the key serve signs with)', () => {
  const secretLine = signingPem.split('\n')[5]!;

  it('passes when the published key is that key', async () => {
    const { code, stdout } = await doctor('signed.example.com', '-s', 'authmail1', '--dkim-key', keyFile);
    expect(stdout).toContain('✓ DKIM   authmail1._domainkey.signed.example.com');
    expect(code).toBe(0);
  });

  it('no key published: prints the exact record to add, and never the private key', async () => {
    const { code, stdout, stderr } = await doctor('nokey.example.com', '-s', 'authmail1', '--dkim-key', keyFile);
    expect(code).toBe(1);
    expect(stdout).toContain(`add      authmail1._domainkey.nokey.example.com  TXT  "${signingRecord}"`);
    expect(stdout + stderr).not.toContain(secretLine);
  });

  it('another key published: dkim-mismatch, with the record to put in its place', async () => {
    const { code, stdout } = await doctor('good.example.com', '-s', 's1', '--dkim-key', keyFile);
    expect(code).toBe(1);
    expect(stdout).toContain('the key published for selector "s1" is not the one given with --dkim-key');
    expect(stdout).toContain(`replace  s1._domainkey.good.example.com  TXT  "${signingRecord}"`);
    // A public key file works the same.
    const publicFile = join(keyDir, 'dkim.pub.pem');
    writeFileSync(publicFile, signing.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    expect((await doctor('signed.example.com', '-s', 'authmail1', '--dkim-key', publicFile)).code).toBe(0);
  });

  it('bad usage: no single selector, an unreadable or non-RSA key file (exit 2)', async () => {
    const noSelector = await doctor('signed.example.com', '--dkim-key', keyFile);
    expect(noSelector.code).toBe(2);
    expect(noSelector.stderr).toContain('--dkim-key needs the one selector the key is published under');
    expect((await doctor('signed.example.com', '-s', 'a,b', '--dkim-key', keyFile)).code).toBe(2);
    const missing = await doctor('signed.example.com', '-s', 'authmail1', '--dkim-key', join(keyDir, 'none.pem'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const edFile = join(keyDir, 'ed.pem');
    writeFileSync(edFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const ed = await doctor('signed.example.com', '-s', 'authmail1', '--dkim-key', edFile);
    expect(ed.code).toBe(2);
    expect(ed.stderr).toContain('holds an ed25519 key; authmail serve signs with RSA keys');
  });
});

describe('senderDomain', () => {
  it('takes the domain from a domain, an address or a From header, in lower-case ASCII', () => {
    expect(senderDomain('Auth.Example.com.')).toBe('auth.example.com');
    expect(senderDomain('noreply@auth.example.com')).toBe('auth.example.com');
    expect(senderDomain('Brand <noreply@auth.example.com>')).toBe('auth.example.com');
    expect(senderDomain('bücher.example')).toBe('xn--bcher-kva.example');
    for (const bad of ['localhost', 'not a domain', 'a..b', '-a.example', 'noreply@', '']) expect(senderDomain(bad)).toBeUndefined();
  });
});
