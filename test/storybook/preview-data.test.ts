/**
 * The Node-testable half of the Storybook preview: controls derived from the zod schemas, and the
 * browser's precompile + fill being exactly the pipeline's render (the stories must not drift).
 */
import { describe, expect, it } from 'vitest';
import { argsFor, fieldsOf, payloadOf } from '../../src/storybook/controls.ts';
import { resolveGlobals, storyDefault } from '../../src/storybook/globals.ts';
import { documentFor } from '../../src/storybook/scheme.ts';
import { shapeKey } from '../../src/storybook/shape.ts';
import { templates } from '../../src/registry.ts';
import { createRenderer } from '../../src/render/pipeline.ts';
import { fillEmail } from '../../src/render/placeholders.ts';
import { sampleVariables } from '../../src/samples.ts';

describe('controls from the zod schema', () => {
  it.each(templates.map((entry) => [entry.type, entry] as const))('%s: sample args round-trip to a valid payload', (type, entry) => {
    const fields = fieldsOf(entry.schema);
    const sample = sampleVariables(type) as Record<string, unknown>;
    const payload = payloadOf(fields, argsFor(fields, sample));
    expect(entry.schema.safeParse(payload).success).toBe(true);
    expect(shapeKey(type, payload)).toBe(shapeKey(type, sample));
  });

  it('makes every leaf editable and unsent objects disappear', () => {
    const fields = fieldsOf(templates.find((entry) => entry.type === 'BindNewIdentifier')!.schema);
    const keys = fields.map((field) => field.path.join('.'));
    for (const leaf of ['code', 'locale', 'user.id', 'user.name', 'user.profile.givenName', 'application.displayName', 'application.branding.logoUrl']) {
      expect(keys).toContain(leaf);
    }
    const args = argsFor(fields, sampleVariables('BindNewIdentifier') as Record<string, unknown>);
    const payload = payloadOf(fields, { ...args, application__sent: false, user_name: '' });
    expect(payload).not.toHaveProperty('application');
    expect((payload.user as { name: unknown }).name).toBeNull(); // nullable: empty means null
  });
});

describe('precompile + fillEmail (the browser path)', () => {
  const renderer = createRenderer();
  it.each(templates.map((entry) => entry.type))('%s equals render() in value mode', async (type) => {
    const variables = { ...sampleVariables(type, 'th'), ...('code' in sampleVariables(type) ? { code: '901234' } : {}) };
    const { email, payload } = await renderer.precompile(type, { locale: 'th', mode: 'value', variables });
    expect(fillEmail(email, payload!)).toEqual(await renderer.render(type, { locale: 'th', variables }));
  });

  it('reuses one compile for payloads of the same shape', async () => {
    const a = await renderer.precompile('SignIn', { locale: 'en', mode: 'value', variables: sampleVariables('SignIn') });
    const b = await renderer.precompile('SignIn', { locale: 'en', mode: 'value', variables: { ...sampleVariables('SignIn'), code: '000111' } });
    expect(b.email).toBe(a.email);
  });
});

describe('colour schemes', () => {
  it('forces the authored dark block on and leaves light alone', async () => {
    const { html } = await createRenderer().render('SignIn', { locale: 'en', variables: sampleVariables('SignIn') });
    expect(html).toContain('prefers-color-scheme: dark');
    const dark = documentFor(html, 'dark');
    expect(dark).not.toMatch(/prefers-color-scheme\s*:\s*dark/);
    expect(dark).toContain('@media (min-width: 0px)');
    expect(documentFor(html, 'light')).toBe(html);
  });

  it('forced dark (the Gmail apps / Outlook.com imitation) darkens light surfaces and dark text, ignores the authored dark block and leaves images', async () => {
    const { html } = await createRenderer().render('SignIn', { locale: 'en', variables: sampleVariables('SignIn') });
    const forced = documentFor(html, 'inverted');
    expect(forced).not.toMatch(/prefers-color-scheme\s*:\s*dark/);
    expect(forced).not.toContain('@media (min-width: 0px)');
    expect(html).toContain('bgcolor="#f4f4f7"');
    expect(forced).not.toContain('#f4f4f7');
    expect(forced).not.toContain('background-color:#ffffff');
    expect(forced).not.toContain('color:#191c1d');
    expect(forced).toContain('data-authmail-scheme="inverted"');
    // Only colours change: the same tags, attributes and images, in the same order.
    const skeleton = (text: string) => text.replace(/#[0-9a-f]{3,6}\b/gi, '#').replace(/<style[\s\S]*?<\/style>/g, '');
    expect(skeleton(forced)).toBe(skeleton(html));
  });

  it('forced dark rewrites only light surfaces and dark text', () => {
    const html =
      '<head></head><div style="background-color:#ffffff;color:#111111;border:1px solid #e1e3e8"><p style="color:#ffffff;background:#0a2540">x</p><td bgcolor="white"></td></div>';
    const forced = documentFor(html, 'inverted');
    expect(forced).toContain('background-color:#121212;color:#e8e8e8;border:1px solid #17191e');
    expect(forced).toContain('<p style="color:#ffffff;background:#0a2540">'); // light text and dark surfaces stay
    expect(forced).toContain('bgcolor="#121212"');
  });
});

describe('the toolbar globals', () => {
  const story = { locale: 'th', scheme: 'dark' } as const;
  const locales = ['en', 'th', 'ar'];

  it("default to the story's own locale and scheme, and any choice (toolbar or URL) overrides them", () => {
    expect(resolveGlobals({ locale: storyDefault, scheme: storyDefault, emailWidth: '600px', mode: 'value' }, story, locales)).toEqual({
      ok: true,
      locale: 'th',
      scheme: 'dark',
      width: 600,
      mode: 'value',
    });
    expect(resolveGlobals({ locale: 'ar', scheme: 'inverted', emailWidth: '375px' }, story, locales)).toMatchObject({
      locale: 'ar',
      scheme: 'inverted',
      width: 375,
    });
    // A custom width from the URL, with its unit or as the number Storybook makes of a bare 480.
    expect(resolveGlobals({ emailWidth: '480px' }, story, locales)).toMatchObject({ ok: true, width: 480 });
    expect(resolveGlobals({ emailWidth: 480 as unknown as string }, story, locales)).toMatchObject({ ok: true, width: 480 });
  });

  it('refuse a bad value, naming it and the valid choices', () => {
    const result = resolveGlobals({ locale: 'xx', scheme: 'sepia', emailWidth: '9000', mode: 'draft' }, story, locales);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      'Locale "xx" is not one of this project\'s locales: en, th, ar.',
      'Scheme "sepia" is not one of: light, dark, inverted.',
      'Email width "9000" is not a width: choose 320px, 375px, 414px, 600px in the toolbar, or any whole number of pixels from 200 to 1200 in the URL (&globals=emailWidth:480px).',
      'Mode "draft" is not one of: value, placeholder.',
    ]);
  });
});
