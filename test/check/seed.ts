/** Temporary copies of templates/ and locales/ with seeded defects, for the gate tests. */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
 * SignIn gets an image without alt, an http link and a placeholder Logto cannot substitute;
 * th's SignIn heading is blanked (a missing translation). Everything else is as shipped.
 */
function seedDefects(): Seeded {
  const dir = mkdtempSync(join(tmpdir(), 'authmail-seeded-'));
  const templatesDir = join(dir, 'templates');
  const localesDir = join(dir, 'locales');
  cpSync(join(root, 'templates'), templatesDir, { recursive: true });
  useLocalComponents(templatesDir);
  // Templates import @react-email/* and react: resolve them from the project.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
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
  return { templatesDir, localesDir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `seedDefects()` for the tests of the file that calls it: made in beforeAll, removed in afterAll. */
export const seededDuringTests = (): (() => Seeded) => duringTests('the seeded copy', seedDefects, (seeded) => seeded.remove());
