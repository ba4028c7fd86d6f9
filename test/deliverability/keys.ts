/** DKIM public keys for fixtures, generated per run (no key material in the tree). */
import { generateKeyPairSync } from 'node:crypto';

export function rsaPublicKey(bits: number): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

export function ed25519PublicKey(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  // RFC 8463: p= is the raw 32-byte key, the tail of the 44-byte SPKI encoding.
  return publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
}

/** A TXT record as a DNS zone holds it: character-strings of at most 255 bytes. */
export function txt(record: string): string[] {
  const strings: string[] = [];
  for (let at = 0; at < record.length; at += 255) strings.push(record.slice(at, at + 255));
  return strings;
}
