/**
 * "globex", the project of issue 16's trial: its own brand, a SignIn override (an edited heading
 * and a banner from its own translation key `globex.banner`), one language authmail does not ship
 * (`nl`, a Logto language tag), an authmail.config.ts naming its folders, its own vitest snapshot
 * test of the Thai SignIn, a plain `node` script and a TypeScript file using the API.
 */

/** What the override adds, so the tests can look for it. */
export const globex = {
  brandName: 'Globex Corporation',
  headingPrefix: 'Globex ✦ ',
  banner: {
    en: 'Globex now protects every sign-in with a one-time code.',
    th: 'Globex ปกป้องการเข้าสู่ระบบทุกครั้งด้วยรหัสแบบใช้ครั้งเดียว',
    nl: 'Globex beschermt nu elke aanmelding met een eenmalige code.',
  },
  nlHeading: 'Meld je aan bij je account',
  nlSubject: '{{code}} is je aanmeldcode voor {{brandName}}',
  locales: ['en', 'nl', 'th', 'ar'],
} as const;

const brand = {
  name: globex.brandName,
  senderName: 'Globex',
  logoUrl: 'https://globex.example/email/logo.png',
  logoWidth: 96,
  colors: { primary: '#0b7a3b', primaryText: '#ffffff' },
  companyInformation: ['Globex Corporation', '1 Cypress Creek Road, Springfield'],
  supportUrl: 'https://globex.example/help',
  supportEmail: 'help@globex.example',
};

const config = `import { defineConfig } from 'authmail';

export default defineConfig({
  templatesDir: 'emails/templates',
  localesDir: 'emails/locales',
  brand: 'emails/brand.json',
  locales: ${JSON.stringify(globex.locales)},
  defaultLocale: 'en',
  outDir: 'out',
});
`;

/** The same project without its overrides: only its brand (what the fallback emails are compared with). */
const brandOnlyConfig = `import { defineConfig } from 'authmail';

export default defineConfig({ brand: 'emails/brand.json', locales: ${JSON.stringify(globex.locales.filter((tag) => tag !== 'nl'))}, outDir: 'out-shipped' });
`;

/** SignIn with the heading edited and a banner above it; imports only from authmail and React's JSX runtime. */
export const signInTemplate = `// @jsxRuntime automatic
import type { TemplateContext } from 'authmail';
import { CodeBox, Layout, Paragraph, Title, introFor } from 'authmail/components';

export default function GlobexSignIn(ctx: TemplateContext<'SignIn'>) {
  return (
    <Layout ctx={ctx}>
      <Paragraph ctx={ctx} muted>{ctx.t('globex.banner')}</Paragraph>
      <Title ctx={ctx}>${globex.headingPrefix}{ctx.t('SignIn.heading')}</Title>
      <Paragraph ctx={ctx}>{introFor(ctx)}</Paragraph>
      <CodeBox ctx={ctx} code={ctx.vars.code} />
      <Paragraph ctx={ctx} muted>{ctx.t('common.expiry')}</Paragraph>
      <Paragraph ctx={ctx} muted>{ctx.t('common.neverShare')}</Paragraph>
      <Paragraph ctx={ctx} muted>{ctx.t('SignIn.ignore')}</Paragraph>
    </Layout>
  );
}
`;

/** Dutch: the strings SignIn uses; every other key falls back to English. */
const nl = {
  common: {
    greeting: 'Hallo {{userName}},',
    codeLabel: 'Je verificatiecode',
    expiry: 'Deze code verloopt over 10 minuten en kan maar één keer worden gebruikt.',
    neverShare: 'Deel deze code met niemand. {{brandName}} vraagt je er nooit om via telefoon, chat of e-mail.',
    help: 'Hulp nodig?',
    helpLink: 'Neem contact op met support',
    sentBy: 'Deze e-mail is verstuurd door {{brandName}}.',
    orCopyLink: 'Werkt de knop niet? Kopieer dan deze link naar je browser:',
  },
  SignIn: {
    subject: globex.nlSubject,
    preheader: 'Voer deze code in om je aan te melden.',
    heading: globex.nlHeading,
    intro: 'Voer de onderstaande code in om je aan te melden.',
    introWithApp: 'Voer de onderstaande code in om je aan te melden bij {{appName}}.',
    ignore: 'Heb je niet geprobeerd je aan te melden? Dan kun je deze e-mail negeren. Misschien heeft iemand je e-mailadres per ongeluk ingetypt.',
  },
  globex: { banner: globex.banner.nl },
};

/** The project's own vitest test: its Thai SignIn, as a snapshot. */
export const snapshotTest = `import { renderEmail } from 'authmail';
import { expect, test } from 'vitest';

test('the Thai sign-in email', async () => {
  const email = await renderEmail('SignIn', { locale: 'th', variables: { code: '482913', locale: 'th' } });
  expect(email.html).toContain(${JSON.stringify(globex.banner.th)});
  expect(email.html).toMatchSnapshot();
});
`;

/** A plain Node script (no tsx, no bundler) using the API. */
const script = `import { createRenderer, loadProjectConfig, projectRendererOptions, renderEmail } from 'authmail';

const config = await loadProjectConfig();
const renderer = createRenderer(await projectRendererOptions(config));
const nl = await renderer.render('SignIn', { locale: 'nl', variables: { code: '314159', locale: 'nl' } });
const th = await renderEmail('SignIn', { locale: 'th', variables: { code: '271828', locale: 'th' } });
console.log(JSON.stringify({ nl: { subject: nl.subject, html: nl.html }, th: { subject: th.subject, html: th.html } }));
`;

/** A TypeScript file of the project that uses the API's types (checked by the project's tsc). */
const typed = `import { createRenderer, loadProjectConfig, projectRendererOptions, type RenderedEmail, type TemplateContext } from 'authmail';
import { Layout, Title } from 'authmail/components';

export async function signInSubject(locale: string): Promise<string> {
  const renderer = createRenderer(await projectRendererOptions(await loadProjectConfig()));
  const email: RenderedEmail = await renderer.render('SignIn', { locale, variables: { code: '123456', locale } });
  return email.subject;
}

export const heading = (ctx: TemplateContext<'SignIn'>) => ({ layout: Layout, title: Title, code: ctx.vars.code.length });
`;

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    jsx: 'react-jsx',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  },
  // authmail-env.d.ts: the project's own keys (globex.banner), written by `authmail types`.
  include: ['authmail.config.ts', 'authmail-env.d.ts', 'emails', 'src'],
};

export function globexFiles(): Record<string, string> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    'authmail.config.ts': config,
    'authmail.shipped.config.ts': brandOnlyConfig,
    'tsconfig.json': json(tsconfig),
    'emails/brand.json': json(brand),
    'emails/templates/sign-in.tsx': signInTemplate,
    'emails/locales/en/email.json': json({ globex: { banner: globex.banner.en } }),
    'emails/locales/th/email.json': json({ globex: { banner: globex.banner.th } }),
    'emails/locales/nl/email.json': json(nl),
    'emails/sign-in.test.ts': snapshotTest,
    'src/subjects.ts': typed,
    'script.mjs': script,
  };
}
