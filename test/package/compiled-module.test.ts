/**
 * The compiled module's types in a consumer project: authmail installed from its packed tarball
 * (offline, from the primed cache), `authmail build` run there, and the project's own `tsc`
 * checking code that imports out/ the ways a project does (index.mjs from ESM, index.cjs from
 * CommonJS, the folder through a bundler's resolution). It accepts the right forms and rejects a
 * type or locale the build does not hold: `templates.SignInn`, `render('SignIn', 'xx', …)`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authmail, bin, cleanup, createConsumer, pack, reportTimings, run, scratchFolder, timed, writeFiles } from './consumer.ts';

// A real install and build.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 600_000 });

let root: string;
let project: string;

beforeAll(async () => {
  root = scratchFolder('compiled-module');
  const { tarball } = await timed('npm pack', () => pack(root));
  project = await createConsumer('react19', join(root, 'mailer'), tarball);
  await timed('authmail build', () => authmail(project, ['build', '--quiet', '--locales', 'en,th', '--types', 'Register,SignIn,ForgotPassword,Generic']));
}, 600_000);

afterAll(() => {
  cleanup(root);
  reportTimings('package tests (the compiled module in a consumer)');
});

const strict = ['--noEmit', '--strict', '--target', 'es2022', '--types', 'node'];
const nodeNext = [...strict, '--module', 'nodenext', '--moduleResolution', 'nodenext'];
const bundler = [...strict, '--module', 'preserve', '--moduleResolution', 'bundler'];

/** The project's own tsc on these files; its errors, one line each. */
function tsc(files: Record<string, string>, flags: string[]): string[] {
  writeFiles(project, files);
  const checked = run(bin(project, 'tsc'), [...flags, ...Object.keys(files)], project, { allowFailure: true });
  const errors = checked.stdout.split('\n').filter((line) => line.includes('error TS'));
  expect(checked.status === 0, checked.stdout).toBe(errors.length === 0);
  return errors;
}

const uses = `
const signIn: CompiledTemplate = templates.SignIn.th;
const parts: [string, string, string, string, readonly string[]] = [signIn.subject, signIn.preheader, signIn.html, signIn.text, signIn.placeholders];
const email: RenderedEmail = render('SignIn', 'th', { code: '123456', locale: 'th' });
const usedType: TemplateType = email.type;
const usedLocale: Locale = email.locale;
const withoutLocale = render('Generic', undefined, { code: '123456' });
const filled: { subject: string; preheader: string; html: string; text: string } = fill(templates.Generic.en, { code: '123456' });
const fallback: 'en' = defaultLocale;
const every: readonly TemplateType[] = types;
const tags: readonly Locale[] = locales;
// A payload typed as an interface (as connector-kit's SendMessagePayload is) is accepted.
interface SendMessagePayload { code?: string; locale?: string }
const payload: SendMessagePayload = { code: '123456' };
render('Register', 'en', payload);
// A tag from a payload (any string) narrows to a built locale, or undefined (render then falls back).
const tag: string | undefined = payload.locale;
render('SignIn', locales.find((built) => built === tag), payload);
export { parts, usedType, usedLocale, withoutLocale, filled, fallback, every, tags };
`;
const names = 'templates, render, fill, types, locales, defaultLocale, type CompiledTemplate, type RenderedEmail, type TemplateType, type Locale';

describe('tsc in a consumer project, on the built module', () => {
  it('accepts the right forms from ESM (index.mjs), CommonJS (index.cjs) and a bundler’s folder import (./out)', () => {
    const esmAndCjs = {
      'uses.mts': `import { ${names} } from './out/index.mjs';\n${uses}`,
      'uses.cts': `import { ${names} } from './out/index.cjs';\n${uses}`,
    };
    expect(tsc(esmAndCjs, nodeNext)).toEqual([]);
    expect(tsc({ 'uses-bundler.ts': `import { ${names} } from './out';\n${uses}` }, bundler)).toEqual([]);
  });

  it("rejects templates.SignInn and render('SignIn', 'xx', …), and any type or locale the build does not hold, from ESM and CommonJS", () => {
    const errors = tsc(
      {
        'typo.mts': "import { templates } from './out/index.mjs';\nexport const subject = templates.SignInn.en.subject;\n",
        'locale.mts': "import { render } from './out/index.mjs';\nexport const email = render('SignIn', 'xx', { code: '123456' });\n",
        'unbuilt.cts': `import { render, templates } from './out/index.cjs';
export const a = templates.SignInn;
export const b = templates.SignIn.ar;
export const c = render('OrganizationInvitation', 'en', {});
export const d = render('SignIn', 'xx', {});
`,
      },
      nodeNext
    );
    expect(errors.filter((line) => line.startsWith('typo.mts'))).toEqual([
      expect.stringMatching(/^typo\.mts\(2,34\): error TS2551: Property 'SignInn' does not exist on type .*Did you mean 'SignIn'\?/),
    ]);
    expect(errors.filter((line) => line.startsWith('locale.mts'))).toEqual([
      "locale.mts(2,39): error TS2345: Argument of type '\"xx\"' is not assignable to parameter of type 'Locale | undefined'.",
    ]);
    expect(
      errors.filter((line) => line.startsWith('unbuilt.cts')).map((line) => /^unbuilt\.cts\((\d+),\d+\): error (TS\d+)/.exec(line)?.slice(1).join(' '))
    ).toEqual(['2 TS2551', '3 TS2339', '4 TS2345', '5 TS2345']);
    expect(errors).toHaveLength(6);
  });
});
