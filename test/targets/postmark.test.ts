import { describe, expect, it } from 'vitest';
import { postmarkAlias, target } from '../../src/targets/postmark.ts';
import { allTypes, contextFor, fakeEmails } from './fixtures.ts';

describe('postmark target', () => {
  const files = target.compile(fakeEmails(), contextFor({ defaultLocale: 'th' }));
  const config = files['connectors/postmark.json'] as { templates: { usageType: string; templateAlias: string }[] };
  const bodies = files['postmark/templates.json'] as Record<string, string>[];

  it('writes the connector config and the Postmark template bodies', () => {
    expect(Object.keys(files).sort()).toEqual(['connectors/postmark.json', 'postmark/templates.json']);
    expect(config.templates.map((template) => template.usageType)).toEqual(allTypes);
  });

  it('ties each usage type to a template body by alias', () => {
    expect(postmarkAlias('OrganizationInvitation')).toBe('authmail-organization-invitation');
    expect(bodies.map((body) => body.Alias)).toEqual(config.templates.map((template) => template.templateAlias));
    expect(new Set(bodies.map((body) => body.Alias)).size).toBe(allTypes.length);
    for (const alias of bodies.map((body) => body.Alias)) expect(alias).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('fills each body from the default-locale email', () => {
    expect(bodies[1]).toEqual({
      Name: 'Acme Cloud: SignIn',
      Alias: 'authmail-sign-in',
      Subject: '[th] SignIn {{code}}',
      HtmlBody: '<html lang="th"><body><p>SignIn in th: {{code}}</p></body></html>',
      TextBody: 'SignIn in th: {{code}}',
    });
  });
});
