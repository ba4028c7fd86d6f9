import { describe, expect, it } from 'vitest';
import { target } from '../../src/targets/logto-email.ts';
import { brandWith, contextFor, fakeEmails } from './fixtures.ts';

const compile = (brand = brandWith()) => target.compile(fakeEmails(['en']), contextFor({ brand }));

describe('logto-email target', () => {
  it('writes the branding from the brand config', () => {
    expect(compile()).toEqual({
      'connectors/logto-email.json': {
        senderName: 'Acme Cloud',
        companyInformation: 'Acme Cloud Ltd., 100 Market Street, Suite 300, San Francisco, CA 94105',
        appLogo: 'https://assets.example.com/email/logo-light.png',
      },
    });
  });

  it('allows dotted abbreviations, as the service does', () => {
    expect(() => compile(brandWith({ senderName: 'Acme S.A.', companyInformation: ['Acme Cloud S.A.'] }))).not.toThrow();
  });

  it.each([
    ['a domain in the sender name', { senderName: 'acme.io' }, /brand\.senderName \("acme\.io"\): URL is not allowed in sender name/],
    [
      'a URL in company information',
      { companyInformation: ['Acme Ltd.', 'Visit https://acme.com/about'] },
      /brand\.companyInformation .*URL is not allowed in company information/,
    ],
  ])('refuses %s, naming the brand field and the rule', (_case, overrides, message) => {
    expect(() => compile(brandWith(overrides))).toThrow(message);
  });
});
