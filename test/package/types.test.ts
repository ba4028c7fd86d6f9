/**
 * Issue 26's authoring contract, from the packed tarball: in a project of its own (npm, offline
 * from the primed cache), the project's `tsc` refuses each mistake the issue names (a mistyped
 * translation key, a misspelled `ctx.vars` field, `renderEmail('SignInn', …)`, `code: 123456`,
 * the same through `createRenderer().render`, a Button variant that does not exist) and passes the
 * correct forms, the templates `authmail eject` writes and the project's own key once
 * `authmail types` has declared it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authmail, bin, cleanup, createConsumer, pack, reportTimings, run, scratchFolder, timed, writeFiles } from './consumer.ts';

// A real install, and the project's tsc several times.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 600_000 });

const notYou = 'Not you? Secure your account';

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  },
  include: ['authmail-env.d.ts', 'emails', 'src'],
};

/** The trial's email: a header image, the code, and a secondary "Not you?" action from the project's own key. */
const signIn = `// @jsxRuntime automatic
import type { TemplateContext } from 'authmail';
import { Button, CodeBox, Img, Layout, Link, Paragraph, Title, introFor } from 'authmail/components';

export default function AcmeSignIn(ctx: TemplateContext<'SignIn'>) {
  const app: string | undefined = ctx.vars.application?.name;
  return (
    <Layout ctx={ctx}>
      <Img src="https://acme.example/email/header.png" width={480} alt="Acme" />
      <Title ctx={ctx}>{ctx.t('SignIn.heading')}</Title>
      <Paragraph ctx={ctx}>{introFor(ctx)}</Paragraph>
      <CodeBox ctx={ctx} code={ctx.vars.code} />
      <Paragraph ctx={ctx} muted>{ctx.t('common.expiry')}</Paragraph>
      <Paragraph ctx={ctx} muted>{ctx.t('common.neverShare')}</Paragraph>
      <Button ctx={ctx} href="https://acme.example/security" variant="secondary">{ctx.t('acme.notYou')}</Button>
      <Button ctx={ctx} href="https://acme.example/help" variant="link">{ctx.t('common.helpLink')}</Button>
      <Paragraph ctx={ctx} muted><Link href="https://acme.example/privacy">{app ?? ctx.t('common.help')}</Link></Paragraph>
    </Layout>
  );
}
`;

/** The API's correct forms: TemplateType and short names, each type's variables, and a type chosen at run time. */
const api = `import { createRenderer, parseUsageType, renderEmail, type UsageType } from 'authmail';

export async function emails(typeFromRequest: string, body: unknown) {
  const signIn = await renderEmail('SignIn', { locale: 'th', variables: { code: '123456', locale: 'th' } });
  const renderer = createRenderer({ allowSampleBrand: true });
  const invite = await renderer.render('invite', {
    locale: 'en',
    variables: { organization: { id: 'org_1', name: 'Acme' }, link: 'https://acme.example/join', extra: 'Logto may add keys' },
  });
  const placeholders = await renderer.render('Generic', { locale: 'en' });
  // A type known only at run time: the variables are checked by the schema at run time.
  const type: UsageType = parseUsageType(typeFromRequest);
  const any = await renderer.render(type, { locale: 'en', variables: body });
  return [signIn.subject, invite.subject, placeholders.subject, any.subject];
}
`;

/** Each mistake, in a file of its own: the error tsc must report for it. */
const mistakes: Record<string, { source: string; error: RegExp }> = {
  'mistyped-key.tsx': {
    source: `import type { TemplateContext } from 'authmail';\nexport const f = (ctx: TemplateContext<'SignIn'>) => ctx.t('common.expiryy');\n`,
    error: /error TS2345: Argument of type '"common\.expiryy"' is not assignable to parameter of type 'TranslationKey'/,
  },
  'misspelled-var.tsx': {
    source: `import type { TemplateContext } from 'authmail';\nexport const f = (ctx: TemplateContext<'SignIn'>): string => ctx.vars.cod;\n`,
    error: /error TS\d+: Property 'cod' does not exist on type/,
  },
  'misspelled-nested-var.tsx': {
    source: `import type { TemplateContext } from 'authmail';\nexport const f = (ctx: TemplateContext<'BindNewIdentifier'>) => ctx.vars.user?.nmae;\n`,
    error: /error TS\d+: Property 'nmae' does not exist on type/,
  },
  'unknown-type.ts': {
    source: `import { renderEmail } from 'authmail';\nexport const f = () => renderEmail('SignInn', { locale: 'en' });\n`,
    error: /error TS2345: Argument of type '"SignInn"' is not assignable to parameter of type 'UsageTypeName'/,
  },
  'numeric-code.ts': {
    source: `import { renderEmail } from 'authmail';\nexport const f = () => renderEmail('SignIn', { locale: 'en', variables: { code: 123456, locale: 'en' } });\n`,
    error: /error TS2322: Type 'number' is not assignable to type 'string'/,
  },
  'render-unknown-type.ts': {
    source: `import { createRenderer } from 'authmail';\nexport const f = () => createRenderer().render('sign_in', { locale: 'en' });\n`,
    error: /error TS2345: Argument of type '"sign_in"' is not assignable to parameter of type 'UsageTypeName'/,
  },
  'render-numeric-code.ts': {
    source: `import { createRenderer } from 'authmail';\nexport const f = () => createRenderer().render('sign-in', { locale: 'en', variables: { code: 123456, locale: 'en' } });\n`,
    error: /error TS2322: Type 'number' is not assignable to type 'string'/,
  },
  'button-variant.tsx': {
    source: `import type { TemplateContext } from 'authmail';\nimport { Button } from 'authmail/components';\nexport const f = (ctx: TemplateContext<'SignIn'>) => <Button ctx={ctx} href="https://acme.example" variant="ghost">x</Button>;\n`,
    error: /error TS2322: Type '"ghost"' is not assignable to type/,
  },
};

let root: string;
let project: string;

beforeAll(async () => {
  root = scratchFolder('types');
  const { tarball } = await timed('npm pack', () => pack(root));
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  project = await createConsumer('react19', join(root, 'acme'), tarball, {
    'tsconfig.json': json(tsconfig),
    'authmail.config.json': json({ templatesDir: 'emails/templates', localesDir: 'emails/locales', locales: ['en', 'th'] }),
    'emails/templates/sign-in.tsx': signIn,
    'emails/locales/en/email.json': json({ acme: { notYou } }),
    'emails/locales/th/email.json': json({ acme: { notYou: 'ไม่ใช่คุณใช่ไหม รักษาความปลอดภัยบัญชีของคุณ' } }),
    'src/api.ts': api,
  });
}, 600_000);

afterAll(() => {
  cleanup(root);
  reportTimings('package tests (types)');
});

const tsc = () => run(bin(project, 'tsc'), ['--noEmit', '-p', '.'], project, { allowFailure: true });
/** tsc's error lines, by file (relative to the project). */
const errorsByFile = (output: string) => {
  const errors = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const file = /^([^(\s]+)\(\d+,\d+\): error /.exec(line)?.[1];
    if (file) errors.set(file, [...(errors.get(file) ?? []), line]);
  }
  return errors;
};

describe('a project typed against the packed authmail', () => {
  it("refuses the project's own key until `authmail types` declares it, and nothing else", async () => {
    const before = await timed('tsc (no authmail-env.d.ts)', tsc);
    expect(before.status).not.toBe(0);
    expect([...errorsByFile(before.stdout).keys()]).toEqual(['emails/templates/sign-in.tsx']);
    expect(before.stdout).toMatch(/error TS2345: Argument of type '"acme\.notYou"' is not assignable to parameter of type 'TranslationKey'/);
    expect(before.stdout.trim().split('\n')).toHaveLength(1);

    const check = authmail(project, ['types', '--check'], { allowFailure: true });
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/authmail-env\.d\.ts is missing: run `authmail types`/);

    const written = authmail(project, ['types']);
    expect(written.stdout).toMatch(/authmail-env\.d\.ts written: 1 key\(s\) of the project's own \(acme\.notYou\)/);
    const declaration = readFileSync(join(project, 'authmail-env.d.ts'), 'utf8');
    expect(declaration).toContain(`/** ${notYou} */`);
    expect(authmail(project, ['types', '--check']).stdout).toMatch(/up to date/);
  });

  it('passes the correct forms, and the templates `authmail eject` writes', async () => {
    authmail(project, ['eject', '--all', '--engine', 'react', '--templates-dir', 'emails/ejected']);
    const passed = await timed('tsc (correct forms, ejected templates)', tsc);
    expect(passed.stdout).toBe('');
    expect(passed.status).toBe(0);
    // …and the email renders: the run-time side of the same template.
    const html = authmail(project, ['render', 'sign-in', '--locale', 'en', '--format', 'html']).stdout;
    expect(html).toContain(notYou);
  });

  it('fails tsc on each mistake, in its own file, with the error that names it', async () => {
    writeFiles(project, Object.fromEntries(Object.entries(mistakes).map(([file, { source }]) => [`src/wrong/${file}`, source])));
    try {
      const failed = await timed('tsc (one mistake per file)', tsc);
      expect(failed.status).not.toBe(0);
      const errors = errorsByFile(failed.stdout);
      expect([...errors.keys()].sort()).toEqual(
        Object.keys(mistakes)
          .map((file) => `src/wrong/${file}`)
          .sort()
      );
      for (const [file, { error }] of Object.entries(mistakes)) {
        const lines = errors.get(`src/wrong/${file}`)!;
        expect(lines, file).toHaveLength(1);
        expect(lines[0], file).toMatch(error);
      }
    } finally {
      rmSync(join(project, 'src/wrong'), { recursive: true, force: true });
    }
  });

  it('a key added later is a type error until `authmail types` runs again (--check says so)', async () => {
    const en = join(project, 'emails/locales/en/email.json');
    writeFileSync(en, `${JSON.stringify({ acme: { notYou, banner: 'Acme protects every sign-in.' } }, null, 2)}\n`);
    writeFiles(project, {
      'src/banner.tsx': `import type { TemplateContext } from 'authmail';\nexport const f = (ctx: TemplateContext) => ctx.t('acme.banner');\n`,
    });
    const stale = authmail(project, ['types', '--check'], { allowFailure: true });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/authmail-env\.d\.ts is out of date: run `authmail types`/);
    expect(tsc().stdout).toMatch(/src\/banner\.tsx\(2,\d+\): error TS2345: Argument of type '"acme\.banner"'/);

    authmail(project, ['types']);
    const passed = tsc();
    expect(passed.stdout).toBe('');
    expect(passed.status).toBe(0);
  });
});
