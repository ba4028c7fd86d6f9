/** The terms of an SPF record (RFC 7208 §4.6.1), shared by the record's check and the include walk. */

export const isSpfRecord = (record: string) => /^v=spf1( |$)/i.test(record);

export const spfMechanisms = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
/** Terms that make the receiver query DNS; over 10 of them is a permanent error (RFC 7208 §4.6.4). */
export const spfQuerying = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);
export const spfLookupLimit = 10;

export interface SpfTerm {
  text: string;
  qualifier: string;
  name: string;
  modifier: boolean;
}

export function parseSpfTerms(record: string): SpfTerm[] {
  return record
    .split(/ +/)
    .slice(1)
    .filter(Boolean)
    .map((text) => {
      const modifier = /^[a-z][a-z0-9_.-]*=/i.exec(text);
      if (modifier) return { text, qualifier: '', name: modifier[0].slice(0, -1).toLowerCase(), modifier: true };
      const qualifier = /^[+\-~?]/.test(text) ? text[0]! : '';
      const name = text.slice(qualifier.length).split(/[:/]/)[0]!.toLowerCase();
      return { text, qualifier, name, modifier: false };
    });
}
