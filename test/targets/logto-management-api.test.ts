import { emailTemplateDetailsGuard, templateTypeGuard } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';
import { target } from '../../src/targets/logto-management-api.ts';
import { allTypes, brandWith, contextFor, fakeEmail, fakeEmails } from './fixtures.ts';

type Body = { templates: { languageTag: string; templateType: string; details: Record<string, string> }[] };
const bodyOf = (files: Record<string, unknown>) => files['logto/email-templates.json'] as Body;

describe('logto-management-api target', () => {
  it('writes every locale × type with Logto language tags and kit-valid details', () => {
    const files = target.compile(fakeEmails(), contextFor());
    expect(Object.keys(files)).toEqual(['logto/email-templates.json']);
    const { templates } = bodyOf(files);
    expect(templates).toHaveLength(3 * allTypes.length);
    expect(templates.map((template) => `${template.languageTag}/${template.templateType}`).slice(allTypes.length, allTypes.length + 2)).toEqual([
      'th/Register',
      'th/SignIn',
    ]);
    for (const template of templates) {
      expect(templateTypeGuard.safeParse(template.templateType).success).toBe(true);
      expect(emailTemplateDetailsGuard.strict().safeParse(template.details).error?.issues ?? []).toEqual([]);
    }
    expect(templates.find((template) => template.languageTag === 'zh-TW' && template.templateType === 'SignIn')!.details).toEqual({
      subject: '[zh-TW] SignIn {{code}}',
      content: '<html lang="zh-TW"><body><p>SignIn in zh-TW: {{code}}</p></body></html>',
      contentType: 'text/html',
    });
  });

  it('carries no text part: Logto stores no such field (its details guard drops it), so it would be lost on the way', () => {
    const details = bodyOf(target.compile(fakeEmails(['en']), contextFor({ locales: ['en'] }))).templates[0]!.details;
    expect(details).not.toHaveProperty('text');
    // What PUT /api/email-templates keeps of a details object with a text part (the same guard, from @logto/schemas).
    expect(emailTemplateDetailsGuard.parse({ ...details, text: 'Your code is {{code}}' })).toEqual(details);
  });

  it('adds sendFrom and replyTo from the brand when configured, one header line each', () => {
    const brand = brandWith({ sendFrom: '{{application.name}} <noreply@acme.example>', replyTo: 'support@example.com\r\nBcc: x@evil.test' });
    const { templates } = bodyOf(target.compile(fakeEmails(['en']), contextFor({ brand, locales: ['en'] })));
    expect(templates[0]!.details).toMatchObject({ sendFrom: '{{application.name}} <noreply@acme.example>', replyTo: 'support@example.com Bcc: x@evil.test' });
  });

  it('covers the types built, even without the ones connector guards require', () => {
    const { templates } = bodyOf(target.compile([fakeEmail('SignIn', 'th')], contextFor({ locales: ['th'] })));
    expect(templates.map((template) => template.templateType)).toEqual(['SignIn']);
  });

  it('refuses a locale that is not a Logto language tag', () => {
    expect(() => target.compile([fakeEmail('SignIn', 'en-XX')], contextFor({ locales: ['en-XX'] }))).toThrow(/en-XX is not a Logto language tag/);
  });
});
