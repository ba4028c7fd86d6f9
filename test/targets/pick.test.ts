import { describe, expect, it } from 'vitest';
import { connectorEmails, emailsIn, headerSafe } from '../../src/targets/pick.ts';
import { allTypes, contextFor, fakeEmail, fakeEmails } from './fixtures.ts';

describe('emailsIn', () => {
  it('keeps one locale, in usage-type order, first email of a type wins', () => {
    const emails = [fakeEmail('Generic', 'th'), fakeEmail('SignIn', 'th'), fakeEmail('SignIn', 'en'), fakeEmail('SignIn', 'th', { subject: 'second' })];
    const picked = emailsIn(emails, 'th');
    expect(picked.map((email) => email.type)).toEqual(['SignIn', 'Generic']);
    expect(picked[0]!.subject).not.toBe('second');
  });
});

describe('connectorEmails', () => {
  it('picks the default locale', () => {
    const picked = connectorEmails(fakeEmails(), contextFor({ defaultLocale: 'zh-TW' }));
    expect(picked.map((email) => email.type)).toEqual(allTypes);
    expect(new Set(picked.map((email) => email.locale))).toEqual(new Set(['zh-TW']));
  });

  it('names the missing required types', () => {
    const emails = fakeEmails(['en'], ['SignIn', 'Register']);
    expect(() => connectorEmails(emails, contextFor())).toThrow(/missing: ForgotPassword, Generic/);
  });

  it('names the locales built when the default locale was not', () => {
    expect(() => connectorEmails(fakeEmails(['en', 'th']), contextFor({ defaultLocale: 'de' }))).toThrow(/default locale "de" \(built: en, th\)/);
  });

  it('makes subjects one header line and refuses what cleanDeep would strip', () => {
    const emails = fakeEmails(['en']).map((email) => (email.type === 'SignIn' ? { ...email, subject: ' Code\r\nBcc: x@evil.test {{code}} ' } : email));
    const signIn = connectorEmails(emails, contextFor()).find((email) => email.type === 'SignIn')!;
    expect(signIn.subject).toBe('Code Bcc: x@evil.test {{code}}');
    const empty = fakeEmails(['en']).map((email) => (email.type === 'Generic' ? { ...email, subject: '\n ' } : email));
    expect(() => connectorEmails(empty, contextFor())).toThrow(/subject of Generic \(en\) is empty.*cleanDeep/);
    const noHtml = fakeEmails(['en']).map((email) => (email.type === 'Register' ? { ...email, html: '  ' } : email));
    expect(() => connectorEmails(noHtml, contextFor())).toThrow(/Register \(en\) has empty HTML/);
  });
});

describe('headerSafe', () => {
  it('strips control characters and trims', () => {
    expect(headerSafe('Acme\u0000 <a@b.test>\n', 'x')).toBe('Acme  <a@b.test>');
  });
});
