/**
 * Which strings are sender domains and DKIM selectors: used by `authmail doctor` and by serve's
 * DKIM settings, which should not load the DNS checks to validate two names.
 */
import { domainToASCII } from 'node:url';

const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const selectorLabel = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/**
 * The domain of `auth.example.com`, `noreply@auth.example.com` or `Brand <noreply@auth.example.com>`,
 * in ASCII (IDNs as punycode), or undefined when it is not a domain name.
 */
export function senderDomain(input: string): string | undefined {
  const address = /<([^>]*)>/.exec(input)?.[1] ?? input;
  const host = address
    .slice(address.lastIndexOf('@') + 1)
    .trim()
    .replace(/\.$/, '');
  const ascii = domainToASCII(host).toLowerCase();
  const labels = ascii.split('.');
  if (!ascii || ascii.length > 253 || labels.length < 2 || !labels.every((part) => label.test(part))) return undefined;
  return ascii;
}

export const isSelector = (value: string) => value.length <= 253 && value.split('.').every((part) => selectorLabel.test(part));
