/**
 * What `authmail init` writes, as data: each file's path (relative to the project) and content.
 * Pure: the caller reads the shipped inputs and decides what may be written.
 */
import { posix } from 'node:path';
import { declarationFile, projectKeys, projectKeysDeclaration } from '../i18n/keys.ts';
import { sourceLocale, type Messages } from '../locales.ts';

export interface InitAnswers {
  brandName: string;
  senderName: string;
  /** Canonical tags; the first shipped one or `en` becomes the default locale. */
  locales: string[];
}

export interface ProjectFile {
  path: string;
  content: string | Uint8Array;
}

/**
 * Brand keys that name a local file (relative to the brand JSON): init copies the shipped file
 * beside the project's brand.json. A new file-valued brand key is one more entry here.
 */
export const brandFileKeys = ['logoFile'] as const;

/** The project's folders, as authmail.config.ts names them. */
export const layout = {
  config: 'authmail.config.ts',
  brand: 'emails/brand.json',
  templatesDir: 'emails/templates',
  localesDir: 'emails/locales',
  test: 'emails/emails.test.ts',
  tsconfig: 'tsconfig.json',
  /** The project's own translation keys for ctx.t (`authmail types` rewrites it). */
  keyTypes: declarationFile,
  storybookDir: '.storybook',
  storybookMain: '.storybook/main.ts',
} as const;

/** The key of the shipped English catalog the example override changes, and its new text. */
export const exampleOverride = { common: { help: 'Questions? We are happy to help.' } };

export const storybookAddon = 'authmail/storybook';

/** `compilerOptions` a project's `.tsx` templates need: automatic JSX, and resolution that reads package `exports`. */
export const tsconfigSettings = { jsx: 'react-jsx', moduleResolution: 'Bundler' } as const;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export const defaultLocaleOf = (locales: readonly string[]) => (locales.includes(sourceLocale) ? sourceLocale : locales[0]!);

export function configFile({ locales }: InitAnswers): string {
  const tags = locales.map((tag) => `'${tag}'`).join(', ');
  return `import { defineConfig } from 'authmail';

export default defineConfig({
  templatesDir: '${layout.templatesDir}',
  localesDir: '${layout.localesDir}',
  brand: '${layout.brand}',
  locales: [${tags}],
  defaultLocale: '${defaultLocaleOf(locales)}',
});
`;
}

/** The shipped sample brand with the project's name and sender (and the name in the footer lines); its files sit beside it. */
export function brandFile(sample: Record<string, unknown>, { brandName, senderName }: InitAnswers): string {
  const sampleName = String(sample.name);
  const companyInformation = (sample.companyInformation as string[]).map((line) => line.replaceAll(sampleName, brandName));
  const files = Object.fromEntries(brandAssets(sample).map(({ key, name }) => [key, name]));
  return json({ ...sample, name: brandName, senderName, companyInformation, ...files });
}

/** The sample brand's local files: each key, the path as written in the sample, and the copy's name. */
export const brandAssets = (sample: Record<string, unknown>) =>
  brandFileKeys.flatMap((key) => (typeof sample[key] === 'string' ? [{ key, source: sample[key], name: posix.basename(sample[key]) }] : []));

export const templatesReadme = `Templates here replace authmail's shipped ones, file by file (sign-in.tsx replaces SignIn's).
Start from a shipped one: npx authmail eject sign-in
`;

export const tsconfigFile = json({
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    ...tsconfigSettings,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: [layout.config, layout.keyTypes, 'emails', layout.storybookDir],
});

export function sampleTest({ locales }: InitAnswers): string {
  return `import { renderEmail } from 'authmail';
import { normaliseEmailHtml } from 'authmail/testing';
import { expect, it } from 'vitest';

// renderEmail reads authmail.config.ts in root (the project folder, wherever vitest runs from):
// your brand, templates and locale overrides. Without variables it renders Logto's placeholders
// ({{code}}), so the snapshot changes only with the email.
it('SignIn matches its snapshot', async () => {
  const email = await renderEmail('SignIn', { root: new URL('..', import.meta.url), locale: '${defaultLocaleOf(locales)}' });
  expect(email.configFile).toMatch(/authmail\\.config\\.ts$/);
  expect(email.subject).toMatchSnapshot();
  expect(normaliseEmailHtml(email.html)).toMatchSnapshot();
  expect(email.text).toMatchSnapshot();
});
`;
}

export const storybookMain = `// The authmail preset shows a story per usage type, locale and colour scheme of authmail.config.ts.
export default {
  framework: '@storybook/react-vite',
  addons: ['${storybookAddon}'],
};
`;

export const scripts = {
  'emails:build': 'authmail build',
  'emails:dev': 'authmail dev',
  'emails:build-preview': 'authmail build-preview',
  'emails:check': 'authmail check',
  'emails:test': 'vitest run emails',
} as const;

/** The devDependencies init adds where the project lacks them, at the versions authmail itself is tested with: `tsc` checks the templates and the config. */
export const toolPackages = ['storybook', '@storybook/react-vite', 'vite', 'vitest', 'typescript'] as const;
/** Added only when the project has no React (it may pin its own); the types let tsc check `.tsx` templates. */
export const reactPackages = ['react', 'react-dom', '@types/react'] as const;

export const newPackageJson = { private: true, type: 'module' };

/**
 * Every file init creates when absent. `shippedEnglish` is locales/en/email.json: a chosen Logto
 * language authmail has no translation for starts from it.
 */
export interface ShippedInputs {
  sampleBrand: Record<string, unknown>;
  /** A sample brand file's content, by its path as the sample writes it. */
  brandAsset: (source: string) => Uint8Array;
  shippedLocales: readonly string[];
  shippedEnglish: string;
}

/** The example override's keys that authmail does not ship (none: it changes a shipped message), as `authmail types` writes them. */
function initialKeyTypes(shippedEnglish: string): string {
  const english = (messages: Messages) => new Map([[sourceLocale, messages]]);
  return projectKeysDeclaration(projectKeys(english(exampleOverride), english(JSON.parse(shippedEnglish) as Messages)), layout.localesDir);
}

export function projectFiles(answers: InitAnswers, inputs: ShippedInputs): ProjectFile[] {
  const untranslated = answers.locales.filter((tag) => !inputs.shippedLocales.includes(tag));
  const brandDir = posix.dirname(layout.brand);
  return [
    { path: layout.config, content: configFile(answers) },
    { path: layout.brand, content: brandFile(inputs.sampleBrand, answers) },
    ...brandAssets(inputs.sampleBrand).map(({ source, name }) => ({ path: `${brandDir}/${name}`, content: inputs.brandAsset(source) })),
    { path: `${layout.templatesDir}/README.md`, content: templatesReadme },
    { path: `${layout.localesDir}/${sourceLocale}/email.json`, content: json(exampleOverride) },
    ...untranslated.map((tag) => ({ path: `${layout.localesDir}/${tag}/email.json`, content: inputs.shippedEnglish })),
    { path: layout.test, content: sampleTest(answers) },
    { path: layout.keyTypes, content: initialKeyTypes(inputs.shippedEnglish) },
  ];
}
