import { TemplateType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.ts';
import { parseBrand } from '../../src/schema/brand.ts';
import { alwaysSent, callerSupplied, parseUsageType, payloadSchemas, placeholderRoots, usageTypeNames, usageTypes } from '../../src/schema/usage-types.ts';
import { sampleVariables } from '../../src/samples.ts';
import { templates } from '../../src/registry.ts';

describe('usage types', () => {
  it('are exactly Logto’s TemplateType values', () => {
    expect([...usageTypeNames].sort()).toEqual(Object.values(TemplateType).sort());
  });

  it('parse from TemplateType and short names, and list the valid ones otherwise', () => {
    expect(parseUsageType('SignIn')).toBe('SignIn');
    expect(parseUsageType('sign-in')).toBe('SignIn');
    expect(parseUsageType('invite')).toBe('OrganizationInvitation');
    expect(() => parseUsageType('signup')).toThrow(/Unknown usage type "signup".*Register \(register\).*Generic \(generic\)/);
  });

  it('the registry lists every type once, each with a schema and a template file', () => {
    expect(templates.map((entry) => entry.type)).toEqual(usageTypes.map((entry) => entry.type));
    for (const entry of templates) {
      expect(entry.schema).toBe(payloadSchemas[entry.type]);
      expect(entry.sources.length).toBeGreaterThan(0);
    }
    expect(templates.find((entry) => entry.type === 'OrganizationInvitation')!.sources.map((s) => s.engine)).toEqual(['mjml', 'react']);
  });
});

describe('payload schemas', () => {
  it('accept the payloads Logto sends for each type', () => {
    for (const type of usageTypeNames) expect(payloadSchemas[type].safeParse(sampleVariables(type)).success, type).toBe(true);
  });

  it('accept the Management API verification-code payload, which is only { code }', () => {
    expect(payloadSchemas.Generic.safeParse({ code: '123456' }).success).toBe(true);
  });

  it('accept extra keys, as Logto’s payload guard does', () => {
    expect(payloadSchemas.SignIn.safeParse({ code: '123456', locale: 'en', custom: { a: 1 } }).success).toBe(true);
  });

  it('require every root Logto always sends, and nothing it may omit', () => {
    for (const type of usageTypeNames) {
      const sample = sampleVariables(type) as Record<string, unknown>;
      for (const root of alwaysSent[type]) {
        const { [root]: _omitted, ...rest } = sample;
        expect(payloadSchemas[type].safeParse(rest).success, `${type} without ${root}`).toBe(false);
      }
      const minimal = Object.fromEntries(alwaysSent[type].map((root) => [root, sample[root]]));
      expect(payloadSchemas[type].safeParse(minimal).success, `${type} with only ${alwaysSent[type].join(', ')}`).toBe(true);
    }
  });

  it('allow Logto’s nullable user columns', () => {
    const user = { id: 'u1', avatar: null, name: null, primaryEmail: null, primaryPhone: null, username: null, profile: {} };
    expect(payloadSchemas.UserPermissionValidation.safeParse({ code: '123456', locale: 'en', user }).success).toBe(true);
  });

  it('name the path and rule of an invalid value', () => {
    const result = payloadSchemas.SignIn.safeParse({ code: '12', locale: 'en', application: { id: 'a' } });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['code', 'application.name']));
  });

  it('only invitations have a caller-supplied root (link), and placeholder roots add it', () => {
    expect(Object.entries(callerSupplied).filter(([, roots]) => roots.length)).toEqual([['OrganizationInvitation', ['link']]]);
    expect(placeholderRoots('OrganizationInvitation')).toEqual(['organization', 'link']);
    expect(payloadSchemas.OrganizationInvitation.safeParse({ organization: { id: 'o', name: 'O' } }).success).toBe(true);
  });
});

describe('brand config', () => {
  const valid = {
    name: 'Acme',
    senderName: 'Acme',
    logoUrl: 'https://acme.example/logo.png',
    companyInformation: ['Acme Ltd.'],
  };

  it('fills default colors', () => {
    expect(parseBrand(valid).colors.primary).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('rejects bad values naming each path', () => {
    try {
      parseBrand({ ...valid, logoUrl: 'http://acme.example/logo.png', colors: { primary: 'red' }, extra: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      const paths = (error as InvalidInputError).issues.map((issue) => issue.path);
      expect(paths).toEqual(expect.arrayContaining(['logoUrl', 'colors.primary', '(root)']));
      expect((error as Error).message).toMatch(/logoUrl: must be an https:\/\/ URL/);
    }
  });
});
