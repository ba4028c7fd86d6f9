/**
 * TXT lookups for `authmail doctor`, through an injectable resolver so the checks run offline
 * against fixed records in tests. A name with no record (NXDOMAIN or no TXT data) is an answer;
 * a server failure or timeout is not: it says nothing about whether the record exists.
 */
import { resolveTxt } from 'node:dns/promises';

/** The one call doctor makes; node:dns/promises' resolveTxt satisfies it. */
export interface TxtResolver {
  resolveTxt(name: string): Promise<string[][]>;
}

export const systemResolver: TxtResolver = { resolveTxt };

export type TxtAnswer =
  /** Each TXT record with its character-strings joined (RFC 7208 §3.3, RFC 6376 §3.6.2.2). */
  | { kind: 'records'; name: string; records: string[] }
  /** ENOTFOUND: the name does not exist; ENODATA: it exists but has no TXT record. */
  | { kind: 'none'; name: string; code: 'ENOTFOUND' | 'ENODATA' }
  | { kind: 'failed'; name: string; code: string; message: string };

const absent = new Set(['ENOTFOUND', 'ENODATA']);

export async function lookupTxt(resolver: TxtResolver, name: string): Promise<TxtAnswer> {
  try {
    const records = (await resolver.resolveTxt(name)).map((strings) => strings.join(''));
    return records.length ? { kind: 'records', name, records } : { kind: 'none', name, code: 'ENODATA' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    if (absent.has(code)) return { kind: 'none', name, code: code as 'ENOTFOUND' | 'ENODATA' };
    return { kind: 'failed', name, code, message: (error as Error).message };
  }
}
