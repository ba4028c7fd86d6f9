/**
 * The local definitions of src/logto/ agree with the real @logto/language-kit and
 * @logto/connector-kit (dev dependencies since they declare Node ^22.14): the same language tags,
 * and guards that accept and reject the same inputs, with the same messages where authmail
 * shows them.
 */
import * as kit from '@logto/connector-kit';
import * as languageKit from '@logto/language-kit';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailServiceBrandingGuard, emailTemplateDetailsGuard, templateTypeGuard, urlRegEx } from '../../src/logto/guards.ts';
import { isLanguageTag, languageTags } from '../../src/logto/language-tags.ts';

/** Where a local guard and the kit's may differ only in wording: success, output, issue paths. */
interface SafeParse {
  safeParse(input: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[] }[] } };
}
const outcome = (guard: SafeParse, input: unknown) => {
  const result = guard.safeParse(input);
  return result.success ? { data: result.data } : { paths: result.error!.issues.map((issue) => issue.path.join('.')).sort() };
};

/** The samples on which the local and the kit's definition disagree (so a failure lists them). */
const disagreements = <T>(samples: readonly T[], local: (sample: T) => unknown, real: (sample: T) => unknown) =>
  samples.filter((sample) => !isDeepStrictEqual(local(sample), real(sample)));

const oddValues = [undefined, null, 0, 1, true, {}, [], ''];

describe('language tags', () => {
  it('are exactly the kit’s, in its order', () => {
    expect(languageTags).toEqual(Object.keys(languageKit.languages));
  });

  const samples = [
    ...languageTags,
    ...languageTags.map((tag) => tag.toUpperCase()),
    ...languageTags.map((tag) => tag.toLowerCase()),
    ...['en-XA', 'zh_TW', 'zh-Hant', ' en', 'en ', 'english', 'xx', 'en-us-x', 'es-419 ', 'ar-SA', 'pt-pt', 'ZH-tw'],
    ...oddValues,
  ];

  it('are accepted and rejected as the kit does: every tag in any casing, near misses, non-strings', () => {
    expect(disagreements(samples, isLanguageTag, languageKit.isLanguageTag)).toEqual([]);
    // The tags in three casings, and 'pt-pt' and 'ZH-tw' among the near misses.
    expect(samples.filter(isLanguageTag).length).toBe(3 * languageTags.length + 2);
  });

  it('agree with the kit on arbitrary strings and tag-like strings', () => {
    const tagLike = fc.stringMatching(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?$/);
    fc.assert(fc.property(fc.oneof(fc.string(), tagLike), (value) => isLanguageTag(value) === languageKit.isLanguageTag(value)));
  });
});

describe('templateTypeGuard', () => {
  it('has exactly the kit’s TemplateType values', () => {
    expect([...templateTypeGuard.options].sort()).toEqual(Object.values(kit.TemplateType).sort());
  });

  it('accepts and rejects as the kit does', () => {
    const samples = [...Object.values(kit.TemplateType), 'signin', 'SIGNIN', 'Login', 'Test', 'Welcome', ' SignIn', ...oddValues];
    expect(
      disagreements(
        samples,
        (sample) => outcome(templateTypeGuard, sample),
        (sample) => outcome(kit.templateTypeGuard, sample)
      )
    ).toEqual([]);
  });
});

describe('emailTemplateDetailsGuard', () => {
  const samples: unknown[] = [
    { subject: 's', content: 'c' },
    { subject: '', content: '' },
    { subject: 's', content: 'c', contentType: 'text/html', replyTo: 'r@x.test', sendFrom: 'Acme <a@x.test>' },
    { subject: 's', content: 'c', contentType: 'text/plain' },
    { subject: 's', content: 'c', contentType: 'text/markdown' },
    { subject: 's', content: 'c', contentType: 'TEXT/HTML' },
    { subject: 's', content: 'c', extra: 'dropped', contentType: undefined },
    { content: 'c' },
    { subject: 's' },
    { subject: 1, content: 'c' },
    { subject: 's', content: null },
    { subject: 's', content: 'c', replyTo: 3, sendFrom: false },
    ...oddValues,
    'subject',
  ];

  it('gives the kit’s result, output and issue paths', () => {
    expect(
      disagreements(
        samples,
        (sample) => outcome(emailTemplateDetailsGuard, sample),
        (sample) => outcome(kit.emailTemplateDetailsGuard, sample)
      )
    ).toEqual([]);
    expect(samples.filter((sample) => emailTemplateDetailsGuard.safeParse(sample).success)).toHaveLength(5);
  });
});

describe('emailServiceBrandingGuard', () => {
  it('uses the kit’s URL pattern', () => {
    expect(urlRegEx.source).toBe(kit.urlRegEx.source);
    expect(urlRegEx.flags).toBe(kit.urlRegEx.flags);
  });

  const texts = [
    'Acme Cloud',
    'Acme S.A.',
    'SomeCompany p.s.a. | os. Some Street 12/34 60-123 Poznań, PL | KRS 0001221212',
    'Acme P.C.',
    'acme.io',
    'Visit https://acme.com/about',
    'www.acme.com',
    'mail us at hi@acme.co',
    'Acme Ltd., 100 Market Street, Suite 300, San Francisco, CA 94105',
    'e.g. something',
    '',
  ];
  const logos = [
    'https://assets.example.com/logo.png',
    'http://localhost:3000/a.svg',
    'mailto:hi@acme.example',
    'data:image/png;base64,AAAA',
    ' https://acme.example/logo.png',
    '\u00a0https://acme.example/logo.png',
    'https://exa mple.com',
    '/logo.png',
    'logo.png',
    '',
  ];
  const samples: unknown[] = [
    {},
    ...texts.flatMap((text) => [{ senderName: text }, { companyInformation: text }]),
    ...logos.map((appLogo) => ({ appLogo })),
    { senderName: 'Acme', companyInformation: 'acme.io', appLogo: 'nope' },
    { senderName: 1 },
    { appLogo: null },
    { senderName: undefined, other: 'dropped' },
    null,
    'Acme',
  ];

  it('gives the kit’s result, output and issue paths: abbreviations, domains, URLs, odd logos', () => {
    expect(
      disagreements(
        samples,
        (sample) => outcome(emailServiceBrandingGuard, sample),
        (sample) => outcome(kit.emailServiceBrandingGuard, sample)
      )
    ).toEqual([]);
    const accepted = samples.filter((sample) => emailServiceBrandingGuard.safeParse(sample).success).length;
    expect(accepted).toBeGreaterThan(5);
    expect(accepted).toBeLessThan(samples.length - 5);
  });

  it('gives the kit’s messages for the rules the logto-email target reports', () => {
    const sample = { senderName: 'acme.io', companyInformation: 'see https://acme.com', appLogo: 'nope' };
    const messages = (guard: typeof emailServiceBrandingGuard | typeof kit.emailServiceBrandingGuard) =>
      guard.safeParse(sample).error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages(emailServiceBrandingGuard)).toEqual(messages(kit.emailServiceBrandingGuard));
  });

  it('agrees with the kit on arbitrary names and URLs', () => {
    const text = fc.oneof(fc.string(), fc.webUrl(), fc.domain(), fc.emailAddress(), fc.stringMatching(/^[A-Za-z. ]{1,12}$/));
    fc.assert(
      fc.property(fc.record({ senderName: text, companyInformation: text, appLogo: fc.oneof(fc.webUrl(), fc.string()) }, { requiredKeys: [] }), (branding) => {
        expect(outcome(emailServiceBrandingGuard, branding)).toEqual(outcome(kit.emailServiceBrandingGuard, branding));
      })
    );
  });
});
