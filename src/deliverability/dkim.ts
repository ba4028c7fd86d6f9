/**
 * DKIM (RFC 6376): the public key at <selector>._domainkey.<domain> that receivers verify the
 * signature with. The selector is chosen by whoever signs (the email service, or `serve`'s DKIM
 * config), so doctor reads the given ones, or tries a few common ones when none is given.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { TxtAnswer } from './dns.ts';
import { lookupFailed, recordCheck, type Problem, type RecordCheck } from './types.ts';

/** Tried when no --selector is given: defaults of common signers (cPanel, Google Workspace, Microsoft 365, SendGrid, Mailgun, Mailchimp …). */
export const commonSelectors = ['default', 'google', 'selector1', 'selector2', 's1', 's2', 'k1', 'mail', 'dkim'] as const;

export const dkimName = (selector: string, domain: string) => `${selector}._domainkey.${domain}`;

/** RSA keys under 1024 bits must not be trusted (RFC 8301 §3.2); 2048 is what current guidance asks for. */
export const minimumBits = 1024;
const recommendedBits = 2048;

/** `tag=value; tag=value` (RFC 6376 §3.2), tag names lower-cased, whitespace inside values removed. */
export function parseTags(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    tags.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).replace(/\s+/g, ''));
  }
  return tags;
}

const looksLikeDkim = (record: string) => /^\s*v\s*=\s*DKIM1\s*(;|$)/i.test(record) || /(^|;)\s*p\s*=/i.test(record);

function keyProblem(keyType: string, data: string): Problem | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return { level: 'error', rule: 'dkim-invalid', message: 'p= is not base64, so no signature can verify.' };
  const der = Buffer.from(data, 'base64');
  if (keyType === 'ed25519') {
    return der.length === 32 ? undefined : { level: 'error', rule: 'dkim-invalid', message: `p= is ${der.length} bytes; an ed25519 key is 32 (RFC 8463).` };
  }
  let bits: number | undefined;
  try {
    bits = createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength;
  } catch {
    try {
      bits = createPublicKey({ key: der, format: 'der', type: 'pkcs1' }).asymmetricKeyDetails?.modulusLength;
    } catch {
      return { level: 'error', rule: 'dkim-invalid', message: 'p= does not hold an RSA public key, so no signature can verify.' };
    }
  }
  if (bits === undefined) return undefined;
  if (bits < minimumBits)
    return {
      level: 'error',
      rule: 'dkim-weak',
      message: `the RSA key has ${bits} bits; receivers ignore keys under ${minimumBits} (RFC 8301). Rotate to a ${recommendedBits}-bit key.`,
    };
  if (bits < recommendedBits)
    return { level: 'warning', rule: 'dkim-weak', message: `the RSA key has ${bits} bits; rotate to a ${recommendedBits}-bit key when you next can.` };
  return undefined;
}

const keyPlaceholder = (domain: string) => `v=DKIM1; k=rsa; p=<public key of the key that signs ${domain}'s mail, from your email service>`;

/** p= of an RSA key (private or public: the public half is taken): base64 of its SubjectPublicKeyInfo. */
export const publicKeyData = (key: KeyObject) =>
  (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' }).toString('base64');

/** The exact record to publish for a key `serve` signs with (serve signs rsa-sha256 only). */
export const keyRecord = (key: KeyObject) => `v=DKIM1; k=rsa; p=${publicKeyData(key)}`;

/**
 * The key record for one selector. `answer` is the TXT lookup of dkimName(selector, domain).
 * With `signingKey` (the key the mail is signed with), fixes name its exact record, and a
 * published key that is another one is an error: every signature would fail.
 */
export function checkDkim(domain: string, selector: string, answer: TxtAnswer, signingKey?: KeyObject): RecordCheck {
  if (answer.kind === 'failed') return lookupFailed('DKIM', answer);
  const name = dkimName(selector, domain);
  const wanted = signingKey ? keyRecord(signingKey) : keyPlaceholder(domain);
  const records = answer.kind === 'records' ? answer.records.filter(looksLikeDkim) : [];
  if (records.length === 0) {
    return recordCheck('DKIM', name, [
      {
        level: 'error',
        rule: 'dkim-missing',
        message: `no DKIM key for selector "${selector}": mail signed with it fails DKIM, and without DKIM a forwarded message fails DMARC.`,
        fix: { action: 'add', name, type: 'TXT', value: wanted },
      },
    ]);
  }
  if (records.length > 1) {
    return recordCheck(
      'DKIM',
      name,
      [
        {
          level: 'error',
          rule: 'dkim-multiple',
          message: `${records.length} key records at ${name}: receivers cannot tell which key to use, and verification may fail. Keep one.`,
        },
      ],
      records.join(' | ')
    );
  }

  const record = records[0]!;
  const tags = parseTags(record);
  const problems: Problem[] = [];
  const version = tags.get('v');
  const keyType = (tags.get('k') ?? 'rsa').toLowerCase();
  const data = tags.get('p');
  if (version !== undefined && version !== 'DKIM1')
    problems.push({ level: 'error', rule: 'dkim-invalid', message: `v=${version}: the only version is DKIM1.` });
  if (keyType !== 'rsa' && keyType !== 'ed25519')
    problems.push({ level: 'error', rule: 'dkim-invalid', message: `k=${keyType}: receivers know rsa and ed25519.` });
  if (data === undefined) {
    problems.push({
      level: 'error',
      rule: 'dkim-invalid',
      message: 'the record has no p= tag (the public key).',
      fix: { action: 'replace', name, type: 'TXT', value: wanted },
    });
  } else if (data === '') {
    problems.push({
      level: 'error',
      rule: 'dkim-revoked',
      message: `p= is empty: the key for selector "${selector}" is revoked, so every signature with it fails. Publish the current key, or sign with another selector.`,
      fix: { action: 'replace', name, type: 'TXT', value: wanted },
    });
  } else if (signingKey && data !== publicKeyData(signingKey)) {
    problems.push({
      level: 'error',
      rule: 'dkim-mismatch',
      message: `the key published for selector "${selector}" is not the one given with --dkim-key: every signature made with that key fails. Publish its record (or sign with the published key).`,
      fix: { action: 'replace', name, type: 'TXT', value: wanted },
    });
  } else if (keyType === 'rsa' || keyType === 'ed25519') {
    const problem = keyProblem(keyType, data);
    if (problem) problems.push(problem);
  }
  if ((tags.get('t') ?? '').split(':').includes('y')) {
    problems.push({
      level: 'warning',
      rule: 'dkim-testing',
      message: 't=y marks the key as a test: receivers may treat signed mail as unsigned. Remove t=y once signing works.',
    });
  }
  return recordCheck('DKIM', name, problems, record);
}

/**
 * Without explicit selectors: the keys found under the common ones, or one `dkim-missing`
 * naming them all (plus any lookup that failed, which might have hidden the key).
 */
export function checkCommonSelectors(domain: string, answers: readonly { selector: string; answer: TxtAnswer }[]): RecordCheck[] {
  const found = answers.filter(({ answer }) => answer.kind === 'records' && answer.records.some(looksLikeDkim));
  if (found.length) return found.map(({ selector, answer }) => checkDkim(domain, selector, answer));
  const failed = answers.filter(({ answer }) => answer.kind === 'failed').map(({ selector, answer }) => checkDkim(domain, selector, answer));
  const tried = answers.map(({ selector }) => selector).join(', ');
  return [
    recordCheck('DKIM', dkimName('<selector>', domain), [
      {
        level: 'error',
        rule: 'dkim-missing',
        message: `no DKIM key under the common selectors (${tried}). Pass the selector your email service signs with (--selector; its DKIM setup page names it), or publish your key under one.`,
        fix: { action: 'add', name: dkimName('<selector>', domain), type: 'TXT', value: keyPlaceholder(domain) },
      },
    ]),
    ...failed,
  ];
}
