/**
 * The Node-testable half of the Storybook preview: controls derived from the zod schemas, and the
 * browser's precompile + fill being exactly the pipeline's render (the stories must not drift).
 */
import { describe, expect, it } from 'vitest';
import { argsFor, fieldsOf, payloadOf } from '../../src/storybook/controls.ts';
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
    expect(documentFor(html, 'inverted')).toMatch(/img, picture, video \{ filter: invert\(1\)/);
  });
});
