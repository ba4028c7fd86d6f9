import { describe, expect, it } from 'vitest';
import { target } from '../../src/targets/mailgun.ts';
import { allTypes, contextFor, fakeEmails } from './fixtures.ts';

describe('mailgun target', () => {
  it('writes a deliveries map keyed by usage type with subject, html and text', () => {
    const files = target.compile(fakeEmails(), contextFor());
    expect(Object.keys(files)).toEqual(['connectors/mailgun.json']);
    const { deliveries } = files['connectors/mailgun.json'] as { deliveries: Record<string, Record<string, string>> };
    expect(Object.keys(deliveries)).toEqual(allTypes);
    expect(deliveries.ForgotPassword).toEqual({
      subject: '[en] ForgotPassword {{code}}',
      html: '<html lang="en"><body><p>ForgotPassword in en: {{code}}</p></body></html>',
      text: 'ForgotPassword in en: {{code}}',
    });
  });

  it('leaves out an empty text part instead of writing what cleanDeep strips', () => {
    const emails = fakeEmails(['en']).map((email) => ({ ...email, text: ' ' }));
    const { deliveries } = target.compile(emails, contextFor())['connectors/mailgun.json'] as { deliveries: Record<string, object> };
    expect(deliveries.SignIn).not.toHaveProperty('text');
  });
});
