/** `authmail eject`: copies shipped templates into the config's templates folder, never over a file without --force. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { usageTypes } from '../../src/schema/usage-types.ts';
import { captureIo } from '../helpers/io.ts';
import { repoRoot, tempProject, type TempProject } from './project.ts';

let project: TempProject;
afterEach(() => project?.remove());

/** A project whose config names only a templates folder (all eject needs). */
function projectWithTemplates(): TempProject {
  const created = tempProject('authmail-eject-');
  mkdirSync(join(created.dir, 'emails/templates'), { recursive: true });
  writeFileSync(
    join(created.dir, 'authmail.config.ts'),
    "import { defineConfig } from 'authmail';\n\nexport default defineConfig({ templatesDir: 'emails/templates' });\n"
  );
  return created;
}

const eject = async (args: string[]) => {
  const io = captureIo();
  const code = await main(['node', 'authmail', 'eject', ...args, '--config', join(project.dir, 'authmail.config.ts')], io);
  return { code, io, err: io.stderr.join('\n') };
};
const templates = () => join(project.dir, 'emails/templates');
const shipped = (file: string) => readFileSync(join(repoRoot, 'templates', file), 'utf8');

describe('authmail eject', () => {
  it("copies the type's default template, unchanged, and says so", async () => {
    project = projectWithTemplates();
    const { code, io } = await eject(['sign-in']);
    expect(code).toBe(0);
    expect(readdirSync(templates())).toEqual(['sign-in.tsx']);
    expect(readFileSync(join(templates(), 'sign-in.tsx'), 'utf8')).toBe(shipped('sign-in.tsx'));
    expect(io.stdout).toEqual([`templates/sign-in.tsx → ${join(templates(), 'sign-in.tsx')}`]);
    // Public imports only: the copy builds outside this repository.
    expect(shipped('sign-in.tsx')).not.toMatch(/from '\.{1,2}\//);
  });

  it('refuses a second eject without --force (exit 2, says why) and leaves the edited file; --force replaces it', async () => {
    project = projectWithTemplates();
    expect((await eject(['SignIn'])).code).toBe(0);
    const file = join(templates(), 'sign-in.tsx');
    writeFileSync(file, '// edited\n');
    const again = await eject(['sign-in']);
    expect(again.code).toBe(2);
    expect(again.err).toBe(`authmail: ${file} exists (ejected before?); --force replaces it`);
    expect(readFileSync(file, 'utf8')).toBe('// edited\n');

    const forced = await eject(['sign-in', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.io.stdout).toEqual([`templates/sign-in.tsx → ${file} (replaced)`]);
    expect(readFileSync(file, 'utf8')).toBe(shipped('sign-in.tsx'));
  });

  it('copies nothing when one of several files exists', async () => {
    project = projectWithTemplates();
    writeFileSync(join(templates(), 'mfa.tsx'), '// mine\n');
    const { code, err } = await eject(['sign-in', 'mfa']);
    expect(code).toBe(2);
    expect(err).toContain('mfa.tsx exists (ejected before?); --force replaces it');
    expect(readdirSync(templates())).toEqual(['mfa.tsx']);
  });

  it("--all ejects every type's default file; --engine picks the other file", async () => {
    project = projectWithTemplates();
    expect((await eject(['--all'])).code).toBe(0);
    expect(readdirSync(templates()).sort()).toEqual(usageTypes.map((entry) => entry.files[0]).sort());
    expect(readdirSync(templates())).toContain('invite.mjml');

    const other = await eject(['invite', '--engine', 'react']);
    expect(other.code).toBe(0);
    expect(readFileSync(join(templates(), 'invite.tsx'), 'utf8')).toBe(shipped('invite.tsx'));
    // Every name it writes is one the templates folder accepts.
    for (const name of readdirSync(templates())) expect(usageTypes.flatMap((entry) => entry.files)).toContain(name);
  });

  it('an engine the type has no file for, and unknown types, list the valid choices (exit 2)', async () => {
    project = projectWithTemplates();
    const engine = await eject(['sign-in', '--engine', 'mjml']);
    expect(engine.code).toBe(2);
    expect(engine.err).toContain('SignIn has no mjml template (available: react)');
    const unknown = await eject(['sign-on']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown usage type "sign-on". Valid types: Register (register), SignIn (sign-in)');
    const none = await eject([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('name the usage types to copy (e.g. sign-in), or --all');
    expect(readdirSync(templates())).toEqual([]);
  });

  it('without a templates folder in the config names the key (exit 2)', async () => {
    project = tempProject('authmail-eject-');
    writeFileSync(join(project.dir, 'authmail.config.ts'), "export default { outDir: 'build' };\n");
    const { code, err } = await eject(['sign-in']);
    expect(code).toBe(2);
    expect(err).toContain(`set templatesDir in ${join(project.dir, 'authmail.config.ts')}, or pass --templates-dir`);
    expect(existsSync(join(project.dir, 'emails'))).toBe(false);
  });
});
