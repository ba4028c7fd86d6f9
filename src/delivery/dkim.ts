/**
 * `serve`'s DKIM signing key (nodemailer's `dkim` option), from AUTHMAIL_DKIM_* variables.
 * Everything is checked before the server starts, because nodemailer signs lazily and, when a
 * key cannot sign, sends the message unsigned without a word: a bad key must stop start-up.
 * The key is kept as a KeyObject, which prints and serialises as `{}`, so no log or error
 * message can carry it; messages here name the variable, never its value.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dkimName, minimumBits } from '../deliverability/dkim.ts';
import { isSelector, senderDomain } from '../deliverability/names.ts';

export interface DkimConfig {
  /** d=: the signing domain. */
  domainName: string;
  /** s=: the key is published at <selector>._domainkey.<domain>. */
  keySelector: string;
  privateKey: KeyObject;
}

export interface DkimVariables {
  AUTHMAIL_DKIM_DOMAIN?: string;
  AUTHMAIL_DKIM_SELECTOR?: string;
  AUTHMAIL_DKIM_PRIVATE_KEY?: string;
  AUTHMAIL_DKIM_PRIVATE_KEY_FILE?: string;
}

export class DkimConfigError extends Error {
  override name = 'DkimConfigError';
}

/** Where the key came from, as the error messages name it. */
type KeySource = { name: 'AUTHMAIL_DKIM_PRIVATE_KEY'; pem: string } | { name: 'AUTHMAIL_DKIM_PRIVATE_KEY_FILE'; pem: string; path: string };

function readKeySource(vars: DkimVariables): KeySource {
  const { AUTHMAIL_DKIM_PRIVATE_KEY: inline, AUTHMAIL_DKIM_PRIVATE_KEY_FILE: path } = vars;
  if (inline && path) throw new DkimConfigError('Set one of AUTHMAIL_DKIM_PRIVATE_KEY and AUTHMAIL_DKIM_PRIVATE_KEY_FILE, not both.');
  if (path) {
    try {
      return { name: 'AUTHMAIL_DKIM_PRIVATE_KEY_FILE', pem: readFileSync(path, 'utf8'), path };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new DkimConfigError(`AUTHMAIL_DKIM_PRIVATE_KEY_FILE: cannot read ${path} (${code}). Point it to the PEM file of the DKIM private key.`);
    }
  }
  if (inline) {
    // Platforms that cannot hold a multi-line variable often get the PEM with literal "\n".
    return { name: 'AUTHMAIL_DKIM_PRIVATE_KEY', pem: inline.includes('\n') ? inline : inline.replaceAll('\\n', '\n') };
  }
  throw new DkimConfigError(
    'AUTHMAIL_DKIM_DOMAIN and AUTHMAIL_DKIM_SELECTOR are set but no key: set AUTHMAIL_DKIM_PRIVATE_KEY_FILE (a PEM file) or AUTHMAIL_DKIM_PRIVATE_KEY (the PEM text).'
  );
}

function parseKey(source: KeySource): KeyObject {
  const where = source.name === 'AUTHMAIL_DKIM_PRIVATE_KEY_FILE' ? `${source.name} (${source.path})` : source.name;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: source.pem, format: 'pem' });
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(source.pem) || /passphrase/i.test(String((error as Error).message));
    throw new DkimConfigError(
      encrypted
        ? `${where} is an encrypted private key; authmail cannot ask for its passphrase. Decrypt it (openssl pkey -in key.pem -out plain.pem) and keep the file readable only by the server.`
        : `${where} is not a PEM private key ("-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----"). Create one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out dkim.pem`
    );
  }
  // nodemailer signs rsa-sha256 only; an ed25519 or EC key would leave every message unsigned.
  if (key.asymmetricKeyType !== 'rsa') {
    throw new DkimConfigError(
      `${where} is an ${key.asymmetricKeyType ?? 'unknown'} key; DKIM signing in serve needs an RSA key (nodemailer signs rsa-sha256). Create one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out dkim.pem`
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < minimumBits) {
    throw new DkimConfigError(`${where} is a ${bits}-bit RSA key; receivers ignore DKIM keys under ${minimumBits} bits (RFC 8301). Use a 2048-bit key.`);
  }
  return key;
}

/** undefined when no AUTHMAIL_DKIM_* variable is set: then messages go unsigned (the SMTP provider may sign them). */
export function loadDkim(vars: DkimVariables): DkimConfig | undefined {
  const { AUTHMAIL_DKIM_DOMAIN: domain, AUTHMAIL_DKIM_SELECTOR: selector } = vars;
  if (!domain && !selector && !vars.AUTHMAIL_DKIM_PRIVATE_KEY && !vars.AUTHMAIL_DKIM_PRIVATE_KEY_FILE) return undefined;
  const missing = [!domain && 'AUTHMAIL_DKIM_DOMAIN', !selector && 'AUTHMAIL_DKIM_SELECTOR'].filter(Boolean);
  if (missing.length)
    throw new DkimConfigError(
      `DKIM signing needs AUTHMAIL_DKIM_DOMAIN, AUTHMAIL_DKIM_SELECTOR and a key; ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`
    );
  const domainName = senderDomain(domain!);
  if (!domainName || domain!.includes('@'))
    throw new DkimConfigError(`AUTHMAIL_DKIM_DOMAIN "${domain}" is not a domain name (e.g. example.com: the domain of MAIL_FROM, or its parent).`);
  if (!isSelector(selector!))
    throw new DkimConfigError(
      `AUTHMAIL_DKIM_SELECTOR "${selector}" is not a DKIM selector (letters, digits, "-" and "_", in dot-separated labels; e.g. authmail1).`
    );
  return { domainName, keySelector: selector!, privateKey: parseKey(readKeySource(vars)) };
}

/**
 * h=: the header fields the signature covers. RFC 6376 §5.4.1's recommended fields (nodemailer's
 * own default list, which it drops in favour of any list given) plus the sender headers serve adds
 * (render/headers.ts): signed, a relay cannot strip `Auto-Submitted` (and have auto-responders
 * answer), or rewrite `Content-Language` or `X-Entity-Ref-ID`, without breaking the signature.
 * A field the message lacks is left out of h= by nodemailer.
 */
export const signedHeaderFields = [
  'From',
  'Sender',
  'Reply-To',
  'Subject',
  'Date',
  'Message-ID',
  'To',
  'Cc',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'Content-ID',
  'Content-Description',
  'Resent-Date',
  'Resent-From',
  'Resent-Sender',
  'Resent-To',
  'Resent-Cc',
  'Resent-Message-ID',
  'In-Reply-To',
  'References',
  'List-Id',
  'List-Help',
  'List-Unsubscribe',
  'List-Subscribe',
  'List-Post',
  'List-Owner',
  'List-Archive',
  'Auto-Submitted',
  'Content-Language',
  'X-Entity-Ref-ID',
] as const;

/** Where receivers look the public key up, for the start-up line. */
export const dkimRecordName = ({ keySelector, domainName }: Pick<DkimConfig, 'keySelector' | 'domainName'>) => dkimName(keySelector, domainName);
