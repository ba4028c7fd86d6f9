import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MailpitHTMLCheckResponse } from 'mailpit-api';
import { familyScore, familyScores, summariseHtmlCheck, worstFeatures, type HtmlCheckResponse } from '../../src/inbox/html-check.ts';
import { createDeliverer } from '../../src/inbox/deliver.ts';
import { findByMessageId } from '../../src/inbox/inbox.ts';
import { renderEmail } from '../../src/project/render-email.ts';
import { sampleVariables } from '../../src/samples.ts';
import { useMailpit } from './harness.ts';

/** Recorded from Mailpit v1.30.5: html-check of SignIn (en) rendered with sample variables. */
const recorded = JSON.parse(readFileSync(new URL('../fixtures/mailpit-html-check.sign-in.en.json', import.meta.url), 'utf8')) as MailpitHTMLCheckResponse;

type Result = HtmlCheckResponse['Warnings'][number]['Results'][number];
const result = (Family: string, Support: Result['Support'], Platform = 'ios'): Result => ({
  Family,
  Support,
  Platform,
  Name: `${Family} ${Platform}`,
  Version: '1',
  NoteNumber: '',
});
const warning = (Slug: string, Found: number, Results: Result[]) =>
  ({ Slug, Title: Slug, Score: { Found, Supported: 0, Partial: 0, Unsupported: 0 }, Results }) as unknown as HtmlCheckResponse['Warnings'][number];

describe('html-check aggregation (pure)', () => {
  it('weights each feature by occurrences and splits each family result evenly', () => {
    const response: HtmlCheckResponse = {
      Total: { Tests: 10, Nodes: 5, Supported: 90, Partial: 5, Unsupported: 5 },
      Warnings: [
        // Found 3: gmail fully supports it on one platform, not on the other → 50% yes, 50% no
        warning('a', 3, [result('gmail', 'yes', 'ios'), result('gmail', 'no', 'android'), result('outlook', 'partial')]),
        // Found 1: gmail partial
        warning('b', 1, [result('gmail', 'partial'), result('outlook', 'yes')]),
      ],
    };
    const gmail = familyScore(summariseHtmlCheck(response), 'gmail')!;
    // yes: (3·½ + 1·0)/4 = 37.5 ; partial: (0 + 1·1)/4 = 25 ; no: (3·½)/4 = 37.5
    expect(gmail).toMatchObject({ supported: 37.5, partial: 25, unsupported: 37.5, clients: 2 });
    const outlook = familyScore(summariseHtmlCheck(response), 'outlook')!;
    expect(outlook).toMatchObject({ supported: 25, partial: 75, unsupported: 0 });
    // worst family first
    expect(familyScores(response).map((score) => score.family)).toEqual(['outlook', 'gmail']);
  });

  it('summarises the recorded real response', () => {
    const summary = summariseHtmlCheck(recorded);
    expect(summary.overall).toEqual({ supported: 84.2, partial: 14.9, unsupported: 0.8 });
    expect(summary.tests).toBe(187);
    expect(summary.families).toHaveLength(21);
    // Expected values computed independently from the fixture with the documented formula.
    expect(familyScore(summary, 'gmail')).toMatchObject({ supported: 64.5, partial: 34, unsupported: 1.5 });
    expect(familyScore(summary, 'outlook')).toMatchObject({ supported: 47.4, partial: 46.9, unsupported: 5.7 });
    expect(familyScore(summary, 'apple-mail')).toMatchObject({ supported: 94.9, partial: 5.1, unsupported: 0 });
    expect(familyScore(summary, 'yahoo')).toMatchObject({ supported: 64.7, partial: 33.5, unsupported: 1.9 });
    for (const family of summary.families) {
      expect(family.supported + family.partial + family.unsupported).toBeCloseTo(100, 0);
    }
    expect(worstFeatures(recorded).map((feature) => [feature.slug, feature.unsupported])).toEqual([
      ['css-opacity', 37],
      ['html-body', 32.7],
      ['css-at-media', 21.7],
    ]);
  });
});

describe('html-check aggregation (live Mailpit)', () => {
  const mailpit = useMailpit();

  it('scores a delivered email per client family', async () => {
    const email = await renderEmail('OrganizationInvitation', { locale: 'th', variables: sampleVariables('OrganizationInvitation', 'th') });
    const deliverer = createDeliverer(mailpit.server.smtpUrl);
    const messageId = await deliverer.send(email);
    deliverer.close();
    const message = await findByMessageId(mailpit.client, messageId);
    const response = await mailpit.client.htmlCheck(message.ID);
    const summary = summariseHtmlCheck(response);

    expect(summary.tests).toBeGreaterThan(0);
    expect(summary.overall.supported).toBe(Math.round(response.Total.Supported * 10) / 10);
    const families = new Set(response.Warnings.flatMap((w) => w.Results.map((r) => r.Family)));
    expect(new Set(summary.families.map((family) => family.family))).toEqual(families);
    for (const name of ['gmail', 'outlook', 'apple-mail']) expect(familyScore(summary, name)).toBeDefined();
    expect(summary.worst.length).toBeGreaterThan(0);
    expect(summary.worst[0]!.unsupported).toBeGreaterThanOrEqual(summary.worst.at(-1)!.unsupported);
  });
});
