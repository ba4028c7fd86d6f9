/**
 * DKIM alignment (RFC 7489 §3.1.1): DMARC counts a DKIM signature for the From domain only when
 * its d= domain aligns with it: the same organizational domain (relaxed, the default), or the
 * very same name when the policy says adkim=s. A signature that verifies but does not align
 * leaves DMARC to SPF, which forwarding breaks.
 *
 * The organizational domain is found as DMARCbis (draft-ietf-dmarc-dmarcbis §4.10) finds it,
 * with DNS instead of a public suffix list: of the names on the DMARC walk of a domain, the one
 * with the fewest labels that publishes a DMARC record (psd=y excepted); without any, the
 * domain's last two labels.
 */
import type { TxtAnswer } from './dns.ts';
import { parseTags } from './dkim.ts';
import { dmarcNames, isDmarcRecord } from './dmarc.ts';
import { recordCheck, type RecordCheck } from './types.ts';

/** `answers`: the TXT lookups of dmarcNames(domain), by name. */
export function organizationalDomain(domain: string, answers: ReadonlyMap<string, TxtAnswer>): string {
  const names = dmarcNames(domain);
  for (const name of [...names].reverse()) {
    const answer = answers.get(name);
    const records = answer?.kind === 'records' ? answer.records.filter(isDmarcRecord) : [];
    if (records.length === 1 && parseTags(records[0]!).get('psd')?.toLowerCase() !== 'y') return name.slice('_dmarc.'.length);
  }
  return names.at(-1)!.slice('_dmarc.'.length);
}

export interface AlignmentInput {
  /** The From domain (doctor's domain). */
  from: string;
  /** The d= mail is signed with (serve's AUTHMAIL_DKIM_DOMAIN). */
  signing: string;
  /** The policy's adkim= ('r' when unset or without a policy). */
  mode: 'r' | 's';
  fromOrganization: string;
  signingOrganization: string;
}

export function checkAlignment({ from, signing, mode, fromOrganization, signingOrganization }: AlignmentInput): RecordCheck {
  const strict = mode === 's';
  const aligned = strict ? signing === from : fromOrganization === signingOrganization;
  const message = strict
    ? `the DMARC policy sets adkim=s (strict), so a signature counts only when d= is the From domain itself; d=${signing} is not ${from}, and DMARC ignores it. Sign with d=${from} (AUTHMAIL_DKIM_DOMAIN=${from}) and publish the key under it, or relax the policy to adkim=r.`
    : `d=${signing} (organizational domain ${signingOrganization}) does not align with the From domain ${from} (organizational domain ${fromOrganization}): DMARC ignores the signature, so mail passes DMARC only through SPF, which forwarding breaks. Sign with d=${fromOrganization} or a name under it (AUTHMAIL_DKIM_DOMAIN), and publish the key there.`;
  const how = strict ? 'strict' : `relaxed, organizational domain ${fromOrganization}`;
  return recordCheck('DKIM', `d=${signing} for From ${from}`, aligned ? [] : [{ level: 'error', rule: 'dkim-unaligned', message }], undefined, [
    `aligned (${how}): ${aligned ? 'yes' : 'no'}`,
  ]);
}
