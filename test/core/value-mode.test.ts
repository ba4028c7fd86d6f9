/** Value mode: validated, escaped, substituted with Logto's semantics. */
import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/render/pipeline.ts';
import { renderEmail } from '../../src/project/render-email.ts';
import { InvalidInputError } from '../../src/errors.ts';
import { sampleVariables } from '../../src/samples.ts';
import { valueShapeKey, valueVariables } from '../../src/render/variables.ts';
import { payloadSchemas, usageTypeNames, type Payload } from '../../src/schema/usage-types.ts';

const attacks = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];

describe('value mode', () => {
  it('renders every type with its sample payload, no placeholder left', async () => {
    for (const type of usageTypeNames) {
      const email = await renderEmail(type, { locale: 'en', variables: sampleVariables(type) });
      for (const part of [email.subject, email.html, email.text]) expect(part, type).not.toMatch(/{{\s*[\w.]+\s*}}/);
      if (type !== 'OrganizationInvitation') expect(email.text).toContain('482915');
    }
  });

  it.each(attacks)('escapes %s in HTML and keeps it as text in the plain part', async (attack) => {
    const invite = sampleVariables('OrganizationInvitation');
    invite.organization.name = attack;
    invite.inviter!.name = attack;
    invite.inviter!.primaryEmail = attack;
    const verify = sampleVariables('UserPermissionValidation');
    verify.user!.name = attack;
    verify.application!.displayName = attack;
    for (const [type, variables] of [
      ['OrganizationInvitation', invite],
      ['UserPermissionValidation', verify],
    ] as const) {
      const email = await renderEmail(type, { locale: 'en', variables });
      expect(email.html, type).not.toContain('<script>');
      expect(email.html, type).not.toContain('<img src=x');
      expect(email.html, type).toContain(attack.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
      expect(email.text, type).toContain(attack);
    }
  });

  it('never lets CR/LF reach the subject', async () => {
    const variables = sampleVariables('OrganizationInvitation');
    variables.organization.name = 'Globex\r\nBcc: victim@example.com';
    const email = await renderEmail('OrganizationInvitation', { locale: 'en', variables });
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain('Globex Bcc: victim@example.com');
  });

  it('renders context Logto sends with empty strings (found by the /send fuzz test)', async () => {
    const variables = sampleVariables('OrganizationInvitation');
    variables.organization.name = '';
    variables.inviter!.name = '';
    const email = await renderEmail('OrganizationInvitation', { locale: 'en', variables });
    expect(email.subject).toBe('You are invited to join  on Acme Cloud');
    expect(email.text).toContain('meiling'); // the inviter falls back to the username
  });

  it.each(['react', 'mjml'] as const)('names the inviter with their address when Logto sends both (%s)', async (engine) => {
    const intro = async (edit: (inviter: NonNullable<Payload<'OrganizationInvitation'>['inviter']>) => void) => {
      const variables = sampleVariables('OrganizationInvitation');
      edit(variables.inviter!);
      const { text } = await renderEmail('OrganizationInvitation', { locale: 'en', variables, engine });
      return text.split('\n').find((line) => line.includes('invited you'));
    };
    const onOrg = 'has invited you to join the organization Globex Research on Acme Cloud.';
    expect(await intro(() => {})).toBe(`Mei-Ling Chen (meiling@example.org) ${onOrg}`);
    expect(await intro((inviter) => (inviter.name = null))).toBe(`meiling (meiling@example.org) ${onOrg}`);
    // Without a name the address is the name, once.
    expect(await intro((inviter) => Object.assign(inviter, { name: null, username: null }))).toBe(`meiling@example.org ${onOrg}`);
    expect(await intro((inviter) => (inviter.primaryEmail = null))).toBe(`Mei-Ling Chen ${onOrg}`);
  });

  it('leaves the inviter out in placeholder mode, where Logto may not send one', async () => {
    for (const engine of ['react', 'mjml'] as const) {
      const email = await renderEmail('OrganizationInvitation', { locale: 'en', mode: 'placeholder', engine });
      expect(email.text).toContain('You have been invited to join the organization {{organization.name}} on Acme Cloud.');
      expect(email.placeholders.filter((path) => path.startsWith('inviter'))).toEqual([]);
    }
  });

  it('escapes values placed in attributes (links, logos)', async () => {
    const variables = sampleVariables('OrganizationInvitation');
    variables.link = 'https://acme.example/accept?a=1&b="2"';
    variables.organization.branding = { logoUrl: 'https://cdn.example/logo.png?x=1&y=2' };
    const email = await renderEmail('OrganizationInvitation', { locale: 'en', variables });
    expect(email.html).toContain('href="https://acme.example/accept?a=1&amp;b=&quot;2&quot;"');
    expect(email.html).toContain('src="https://cdn.example/logo.png?x=1&amp;y=2"');
  });

  it('uses optional context when Logto sends it, and leaves it out when it does not', async () => {
    const withApp = await renderEmail('SignIn', { locale: 'th', variables: sampleVariables('SignIn', 'th') });
    expect(withApp.text).toContain('Acme Console');
    const bare = await renderEmail('SignIn', { locale: 'th', variables: { code: '111222', locale: 'th' } });
    expect(bare.text).not.toContain('Acme Console');
    expect(bare.text).toContain('111222');
  });

  it('rejects invalid variables naming the zod path and rule', async () => {
    // The types refuse it too; the run-time check is for JavaScript callers and untyped input.
    // @ts-expect-error application.id must be a string
    const promise = renderEmail('SignIn', { locale: 'en', variables: { code: 'abc', locale: 'en', application: { id: 1, name: 'x' } } });
    await expect(promise).rejects.toBeInstanceOf(InvalidInputError);
    await expect(promise).rejects.toThrow(/code: must be the 6-digit code Logto generates/);
    await expect(promise).rejects.toThrow(/application\.id: /);
  });

  it('compiles once per payload shape and fills per call', async () => {
    const renderer = createRenderer();
    const a = await renderer.render('Generic', { locale: 'en', variables: { code: '111111' } });
    const b = await renderer.render('Generic', { locale: 'en', variables: { code: '222222' } });
    expect(a.html.replaceAll('111111', '222222')).toBe(b.html);
    // The cache key names the engine, not the file: one renderer keeps a type's two files apart.
    const variables = sampleVariables('OrganizationInvitation');
    const react = await renderer.render('OrganizationInvitation', { locale: 'en', variables, engine: 'react' });
    const mjml = await renderer.render('OrganizationInvitation', { locale: 'en', variables, engine: 'mjml' });
    expect(mjml.html).toContain('mj-column'); // MJML's own class names
    expect(react.html).not.toContain('mj-column');
  });

  it('drops the least recently used compiled shape when its cache is full, and keeps the one used since', async () => {
    const renderer = createRenderer({ allowSampleBrand: true, cacheSize: 2 });
    const shapes = {
      bare: { code: '111111', locale: 'en' },
      app: { code: '111111', locale: 'en', application: { id: 'app_1', name: 'acme' } },
      org: { code: '111111', locale: 'en', organization: { id: 'org_1', name: 'Globex' } },
    };
    // A cache hit gives back the very compiled email; a compile (a miss) makes a new one.
    const compiled = async (variables: (typeof shapes)[keyof typeof shapes]) => (await renderer.precompile('SignIn', { locale: 'en', variables })).email;
    const bare = await compiled(shapes.bare);
    const app = await compiled(shapes.app);
    expect(await compiled(shapes.bare)).toBe(bare); // used again: now the most recent
    await compiled(shapes.org); // full: drops the least recently used, app
    expect(await compiled(shapes.bare)).toBe(bare);
    const appAgain = await compiled(shapes.app);
    expect(appAgain).not.toBe(app);
    expect(appAgain).toStrictEqual(app);
  });

  it('keys a compiled shape by what the view holds: present keys and absent values, not values or key order', () => {
    const sample = sampleVariables('BindMfa');
    const base = { code: '111111', locale: 'en', user: { ...sample.user!, name: 'A', username: null } };
    const variants = [
      base,
      { ...base, user: { ...base.user, name: '' } },
      { ...base, user: { ...base.user, name: null } },
      { ...base, user: { ...base.user, profile: {} } },
      { ...base, user: { ...base.user, profile: { givenName: undefined } } },
      { ...base, user: { ...base.user, profile: { familyName: 'Wong' } } },
      { code: '111111', locale: 'en' },
    ];
    // As the renderer does: the key is taken of the validated payload.
    const key = (payload: object) => valueShapeKey('BindMfa', payloadSchemas.BindMfa.parse(payload));
    const keys = variants.map(key);
    expect(new Set(keys).size).toBe(variants.length);
    for (const [i, payload] of variants.entries()) {
      for (const [j, other] of variants.entries()) {
        if (i !== j) expect(valueVariables('BindMfa', payload), `${keys[i]} vs ${keys[j]}`).not.toStrictEqual(valueVariables('BindMfa', other));
      }
    }
    const reordered = { extra: 1, user: Object.fromEntries(Object.entries({ ...base.user, name: 'B' }).reverse()), locale: 'th', code: '222222' };
    expect(key(reordered)).toBe(keys[0]);
    expect(valueVariables('BindMfa', reordered)).toStrictEqual(valueVariables('BindMfa', base));
  });
});
