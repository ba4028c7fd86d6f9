/** Temporary copies of templates/ and locales/ with seeded defects, for the gate tests. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useLocalComponents } from '../helpers/local-components.ts';
import { duringTests } from '../helpers/temp-folder.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Seeded {
  templatesDir: string;
  localesDir: string;
  remove(): void;
}

/**
 * A project in a temporary folder: a copy of templates/ (brand components as its own), an empty
 * locales folder, and node_modules linked (templates import @react-email/* and react).
 */
export function seedProject(name: string): Seeded & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), `authmail-${name}-`));
  const templatesDir = join(dir, 'templates');
  cpSync(join(root, 'templates'), templatesDir, { recursive: true });
  useLocalComponents(templatesDir);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, templatesDir, localesDir: join(dir, 'locales'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * SignIn gets an image without alt, an http link and a placeholder Logto cannot substitute;
 * th's SignIn heading is blanked (a missing translation). Everything else is as shipped.
 */
export function seedDefects(): Seeded {
  const seeded = seedProject('seeded');
  const { templatesDir, localesDir } = seeded;
  writeFileSync(
    join(templatesDir, 'sign-in.tsx'),
    `import { CodeEmail, introFor } from './components/code-email.tsx';
export default function SeededSignIn(ctx) {
  const intro = <>{introFor(ctx)} <img src="https://acme.example/pixel.png" width="1" height="1" /> <a href="http://insecure.example/help">help</a> {'{{ application-name }}'}</>;
  return <CodeEmail ctx={ctx} intro={intro} />;
}
`
  );
  for (const tag of ['en', 'zh-TW', 'th']) cpSync(join(root, 'locales', tag), join(localesDir, tag), { recursive: true });
  const thFile = join(localesDir, 'th', 'email.json');
  const th = JSON.parse(readFileSync(thFile, 'utf8'));
  th.SignIn.heading = ''; // missing: merged over the shipped th, a deleted key would come back
  writeFileSync(thFile, JSON.stringify(th));
  return seeded;
}

/**
 * The README's example: the project's SignIn shows its own key `globex.banner`, given in English
 * only; `globex.unused` is in English and no template asks for it. Everything else as shipped.
 */
export function seedProjectKeys(): Seeded {
  const seeded = seedProject('keys');
  const { templatesDir, localesDir } = seeded;
  const signIn = join(templatesDir, 'sign-in.tsx');
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template, whose own template literal is meant
  writeFileSync(signIn, readFileSync(signIn, 'utf8').replace('intro={introFor(ctx)}', "intro={`${ctx.t('globex.banner')} ${introFor(ctx)}`}"));
  mkdirSync(join(localesDir, 'en'), { recursive: true });
  writeFileSync(join(localesDir, 'en', 'email.json'), JSON.stringify({ globex: { banner: 'Globex Research.', unused: 'Nobody asks for this.' } }));
  return seeded;
}

/** `seedDefects()` for the tests of the file that calls it: made in beforeAll, removed in afterAll. */
export const seededDuringTests = (): (() => Seeded) => duringTests('the seeded copy', seedDefects, (seeded) => seeded.remove());
