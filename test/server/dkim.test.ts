/**
 * DKIM signing in `serve`: a message delivered to a real SMTP server on 127.0.0.1 verifies
 * offline (mailauth, with a stub resolver serving the test key's public half), and carries the
 * sender headers. A key that cannot sign is refused at start-up, naming the variable.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { dkimVerify } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBrand } from '../../src/schema/brand.ts';
import { defaultBrandFile } from '../../src/schema/brand.ts';
import { loadServeConfig } from '../../src/server/config.ts';
import { senderHeaders } from '../../src/render/headers.ts';
import { sampleVariables } from '../../src/samples.ts';
import { startServe, type TestServe } from '../helpers/serve.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const domain = 'acme.example';
const selector = 'authmail1';
const authorization = 'Bearer test-secret';

const rsa = (modulusLength: number) => generateKeyPairSync('rsa', { modulusLength });
const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }) as string;
const keyRecord = (publicKey: KeyObject) => `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

/** DNS as a receiver sees it: the one key record, NXDOMAIN for every other name. */
function resolverServing(records: Record<string, string>) {
  return async (name: string, rrtype: string) => {
    const record = rrtype === 'TXT' ? records[name.toLowerCase()] : undefined;
    if (record === undefined) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return [[record]];
  };
}

const keys = rsa(2048);
const recordName = `${selector}._domainkey.${domain}`;
let dir: string;
let sink: SmtpSink;
let serve: TestServe;

async function send(locale = 'th') {
  const before = sink.received.length;
  const response = await fetch(`${serve.url}/send`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ to: 'somchai@example.com', type: 'SignIn', payload: sampleVariables('SignIn', locale) }),
  });
  expect(response.status).toBe(200);
  expect(sink.received).toHaveLength(before + 1);
  return sink.received.at(-1)!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authmail-dkim-'));
  const keyFile = join(dir, 'dkim.pem');
  writeFileSync(keyFile, pem(keys.privateKey), { mode: 0o600 });
  sink = await startSmtpSink();
  serve = await startServe({
    smtpUrl: sink.url,
    authorization,
    env: { AUTHMAIL_DKIM_DOMAIN: domain, AUTHMAIL_DKIM_SELECTOR: selector, AUTHMAIL_DKIM_PRIVATE_KEY_FILE: keyFile },
  });
});

afterAll(async () => {
  await serve?.stop();
  await sink?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve with DKIM configured', () => {
  it('delivers a message whose DKIM signature verifies offline against the published key', async () => {
    const { raw } = await send();
    const { results } = await dkimVerify(raw, { resolver: resolverServing({ [recordName]: keyRecord(keys.publicKey) }) });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ signingDomain: domain, selector, status: { result: 'pass' } });
    // The From domain is the signing domain: DKIM aligns for DMARC.
    expect(results[0]!.status.aligned).toBe(domain);
  });

  it('the signature fails against another key, and when the body is altered', async () => {
    const { raw } = await send();
    const other = await dkimVerify(raw, { resolver: resolverServing({ [recordName]: keyRecord(rsa(2048).publicKey) }) });
    expect(other.results[0]!.status.result).toBe('fail');
    const tampered = raw.replace(/\r\n\r\n([\s\S]*)$/, (_all, body: string) => `\r\n\r\n${body.replace(/[0-9]/, 'x')}`);
    expect(tampered).not.toBe(raw);
    const altered = await dkimVerify(tampered, { resolver: resolverServing({ [recordName]: keyRecord(keys.publicKey) }) });
    // RFC 6376 §6.1.3: a body hash mismatch; mailauth reports it as neutral, never pass.
    expect(altered.results[0]!.status).toMatchObject({ result: 'neutral', comment: 'body hash did not verify' });
  });

  it('carries Auto-Submitted, Content-Language and a fresh X-Entity-Ref-ID per message', async () => {
    const first = await send('th');
    const second = await send('zh-TW');
    for (const [mail, locale] of [
      [first, 'th'],
      [second, 'zh-TW'],
    ] as const) {
      expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
      expect(mail.parsed.headers.get('content-language')).toBe(locale);
      expect(mail.parsed.headers.get('x-entity-ref-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(first.parsed.headers.get('x-entity-ref-id')).not.toBe(second.parsed.headers.get('x-entity-ref-id'));
  });

  it('signs Auto-Submitted, Content-Language and X-Entity-Ref-ID: rewriting or stripping one breaks the signature', async () => {
    const { raw } = await send('th');
    const resolver = resolverServing({ [recordName]: keyRecord(keys.publicKey) });
    const { results } = await dkimVerify(raw, { resolver });
    expect(results[0]!.status.result).toBe('pass');
    // h= of the signature header (unfolded): the fields it covers.
    const signature = /^DKIM-Signature:(.*(?:\r\n[ \t].*)*)/im.exec(raw)![1]!.replace(/\r\n[ \t]/g, ' ');
    const signed = /\bh=([^;]+)/.exec(signature)![1]!.replace(/\s/g, '').toLowerCase().split(':');
    // Every header serve adds (render/headers.ts) is covered, besides the RFC 6376 §5.4.1 core.
    for (const name of [...Object.keys(senderHeaders({ locale: 'th', entityRefId: 'x' })), 'From', 'Subject', 'To', 'Date', 'Message-ID']) {
      expect(signed).toContain(name.toLowerCase());
    }
    const edits: [string, (message: string) => string][] = [
      ['Auto-Submitted stripped', (message) => message.replace(/^Auto-Submitted: auto-generated\r\n/im, '')],
      ['Content-Language rewritten', (message) => message.replace(/^Content-Language: th\r\n/im, 'Content-Language: en\r\n')],
      ['X-Entity-Ref-ID rewritten', (message) => message.replace(/^(X-Entity-Ref-ID: )[0-9a-f]/im, (_all, name: string) => `${name}z`)],
    ];
    for (const [what, edit] of edits) {
      const altered = edit(raw);
      expect(altered, what).not.toBe(raw);
      const verdict = await dkimVerify(altered, { resolver });
      expect(verdict.results[0]!.status.result, what).toBe('fail');
    }
  });

  it('keeps the key out of the config as it prints and serialises, and out of the logs', () => {
    const secret = pem(keys.privateKey).split('\n')[5]!;
    expect(secret.length).toBeGreaterThan(40);
    expect(JSON.stringify(serve.config)).not.toContain(secret);
    expect(inspect(serve.config, { depth: 10 })).not.toContain(secret);
    expect(JSON.stringify(serve.logs)).not.toContain(secret);
    expect(serve.config.dkim).toMatchObject({ domainName: domain, keySelector: selector });
  });
});

describe('DKIM configuration at start-up', () => {
  const brand = parseBrand(JSON.parse(readFileSync(defaultBrandFile, 'utf8')));
  const base = { AUTHMAIL_AUTHORIZATION: authorization, AUTHMAIL_DKIM_DOMAIN: domain, AUTHMAIL_DKIM_SELECTOR: selector };
  const load = (env: Record<string, string>) => loadServeConfig({ env, brand });
  const refusal = (env: Record<string, string>) => {
    try {
      load(env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the configuration was accepted');
  };

  it('signs nothing when no AUTHMAIL_DKIM_* variable is set', () => {
    expect(load({ AUTHMAIL_AUTHORIZATION: authorization }).dkim).toBeUndefined();
  });

  it('takes the key as PEM text, with real or escaped line breaks', () => {
    const text = pem(keys.privateKey);
    for (const value of [text, text.replaceAll('\n', '\\n')]) {
      const { dkim } = load({ ...base, AUTHMAIL_DKIM_PRIVATE_KEY: value });
      expect(dkim?.privateKey.asymmetricKeyType).toBe('rsa');
      expect(dkim?.privateKey.export({ type: 'pkcs8', format: 'pem' })).toBe(text);
    }
  });

  it('refuses an unparseable key, naming the variable and never quoting it', () => {
    const garbage = '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbCwganVzdCB0ZXh0\n-----END PRIVATE KEY-----\n';
    const message = refusal({ ...base, AUTHMAIL_DKIM_PRIVATE_KEY: garbage });
    expect(message).toMatch(/AUTHMAIL_DKIM_PRIVATE_KEY is not a PEM private key/);
    expect(message).not.toContain('bm90IGEga2V5');
    expect(refusal({ ...base, AUTHMAIL_DKIM_PRIVATE_KEY: 'hunter2' })).toMatch(/AUTHMAIL_DKIM_PRIVATE_KEY is not a PEM private key/);
    // A public key pasted where the private one belongs.
    const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(refusal({ ...base, AUTHMAIL_DKIM_PRIVATE_KEY: publicPem })).toMatch(/AUTHMAIL_DKIM_PRIVATE_KEY is not a PEM private key/);
  });

  it('refuses a key of the wrong type: nodemailer signs with RSA only', () => {
    const ed25519 = generateKeyPairSync('ed25519').privateKey;
    expect(refusal({ ...base, AUTHMAIL_DKIM_PRIVATE_KEY: pem(ed25519) })).toMatch(
      /AUTHMAIL_DKIM_PRIVATE_KEY is an ed25519 key; DKIM signing in serve needs an RSA key/
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(refusal({ ...base, AUTHMAIL_DKIM_PRIVATE_KEY: pem(ec) })).toMatch(/is an ec key/);
  });

  it('refuses a key under 1024 bits (RFC 8301) and accepts 1024', () => {
    expect(refusal({ ...base, AUTHMAIL_DKIM_PRIVATE_KEY: pem(rsa(768).privateKey) })).toMatch(
      /AUTHMAIL_DKIM_PRIVATE_KEY is a 768-bit RSA key; receivers ignore DKIM keys under 1024 bits/
    );
    expect(load({ ...base, AUTHMAIL_DKIM_PRIVATE_KEY: pem(rsa(1024).privateKey) }).dkim?.privateKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
  });

  it('refuses a missing or encrypted key file, naming the variable and the path', () => {
    const missing = join(dir, 'nope.pem');
    expect(refusal({ ...base, AUTHMAIL_DKIM_PRIVATE_KEY_FILE: missing })).toBe(
      `AUTHMAIL_DKIM_PRIVATE_KEY_FILE: cannot read ${missing} (ENOENT). Point it to the PEM file of the DKIM private key.`
    );
    const encrypted = join(dir, 'encrypted.pem');
    writeFileSync(encrypted, keys.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string);
    expect(refusal({ ...base, AUTHMAIL_DKIM_PRIVATE_KEY_FILE: encrypted })).toMatch(
      new RegExp(`AUTHMAIL_DKIM_PRIVATE_KEY_FILE \\(${encrypted.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\) is an encrypted private key`)
    );
  });

  it('needs domain, selector and exactly one key source', () => {
    const key = pem(keys.privateKey);
    expect(refusal({ AUTHMAIL_AUTHORIZATION: authorization, AUTHMAIL_DKIM_PRIVATE_KEY: key })).toMatch(
      /AUTHMAIL_DKIM_DOMAIN and AUTHMAIL_DKIM_SELECTOR are not set/
    );
    expect(refusal({ ...base, AUTHMAIL_DKIM_SELECTOR: '', AUTHMAIL_DKIM_PRIVATE_KEY: key })).toMatch(/AUTHMAIL_DKIM_SELECTOR is not set/);
    expect(refusal(base)).toMatch(/no key: set AUTHMAIL_DKIM_PRIVATE_KEY_FILE/);
    expect(refusal({ ...base, AUTHMAIL_DKIM_PRIVATE_KEY: key, AUTHMAIL_DKIM_PRIVATE_KEY_FILE: join(dir, 'dkim.pem') })).toMatch(
      /one of AUTHMAIL_DKIM_PRIVATE_KEY and AUTHMAIL_DKIM_PRIVATE_KEY_FILE, not both/
    );
    expect(refusal({ ...base, AUTHMAIL_DKIM_DOMAIN: 'no-reply@acme.example', AUTHMAIL_DKIM_PRIVATE_KEY: key })).toMatch(
      /AUTHMAIL_DKIM_DOMAIN "no-reply@acme.example" is not a domain name/
    );
    expect(refusal({ ...base, AUTHMAIL_DKIM_SELECTOR: 'bad selector;', AUTHMAIL_DKIM_PRIVATE_KEY: key })).toMatch(
      /AUTHMAIL_DKIM_SELECTOR "bad selector;" is not a DKIM selector/
    );
  });
});

describe('authmail serve with a bad DKIM key', () => {
  const bin = resolve(import.meta.dirname, '../../bin/authmail.js');
  /** The real CLI; it must exit before listening (a server that started would be killed at the timeout, and fail the test). */
  const serveWith = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string; stdout: string }>((done) => {
      execFile(
        process.execPath,
        [bin, 'serve', '--allow-sample-brand'],
        { env: { PATH: process.env.PATH, AUTHMAIL_AUTHORIZATION: authorization, AUTHMAIL_PORT: '0', ...env }, timeout: 30_000 },
        (error, stdout, stderr) => done({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr })
      );
    });

  it('exits 2 before listening, naming the setting and never printing the key', async () => {
    const short = pem(rsa(768).privateKey);
    const result = await serveWith({ AUTHMAIL_DKIM_DOMAIN: domain, AUTHMAIL_DKIM_SELECTOR: selector, AUTHMAIL_DKIM_PRIVATE_KEY: short });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'authmail: AUTHMAIL_DKIM_PRIVATE_KEY is a 768-bit RSA key; receivers ignore DKIM keys under 1024 bits (RFC 8301). Use a 2048-bit key.'
    );
    expect(result.stdout).toBe('');
    const missing = await serveWith({
      AUTHMAIL_DKIM_DOMAIN: domain,
      AUTHMAIL_DKIM_SELECTOR: selector,
      AUTHMAIL_DKIM_PRIVATE_KEY_FILE: join(dir, 'missing.pem'),
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('AUTHMAIL_DKIM_PRIVATE_KEY_FILE: cannot read');
  });
});
