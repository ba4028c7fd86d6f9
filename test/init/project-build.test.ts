/**
 * A project set up by `authmail init --yes` builds with its own files: an ejected, edited
 * template, the brand init wrote and the locale override, through the real CLI process (dist/),
 * with authmail (and React, a peer dependency) resolved from links above the project as from an
 * install.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, tempProject, type TempProject } from './project.ts';

const run = promisify(execFile);
const cli = (cwd: string, ...args: string[]) =>
  run(process.execPath, [join(repoRoot, 'bin/authmail.js'), ...args], { cwd, env: { ...process.env, npm_config_user_agent: '' } });

const heading = 'Welcome back to your Globex account';
/** The shipped SignIn with its own heading (CodeEmail's `heading`, in place of the translated one). */
const editedSignIn = (source: string) =>
  source.replace(/return <CodeEmail ctx=\{ctx\} intro=\{introFor\(ctx\)\} \/>;/, `return <CodeEmail ctx={ctx} intro={introFor(ctx)} heading="${heading}" />;`);

let project: TempProject;
afterEach(() => project?.remove());

describe('init, eject, edit, build', () => {
  it('builds the ejected template with the project brand and locale override', { timeout: 120_000 }, async () => {
    project = tempProject('authmail-project-');
    const { dir } = project;
    await cli(dir, 'init', '--yes');
    const eject = await cli(dir, 'eject', 'sign-in');
    expect(eject.stdout.trim()).toBe('templates/sign-in.tsx → emails/templates/sign-in.tsx');
    const template = join(dir, 'emails/templates/sign-in.tsx');
    const edited = editedSignIn(readFileSync(template, 'utf8'));
    expect(edited).toContain(heading);
    writeFileSync(template, edited);
    // An ejected MJML template finds the shipped partials (its folder has no components/).
    await cli(dir, 'eject', 'invite');
    const invite = join(dir, 'emails/templates/invite.mjml');
    writeFileSync(
      invite,
      readFileSync(invite, 'utf8').replace(
        '[[> header]]',
        '[[> header]]\n<mj-section><mj-column><mj-text>Ejected invitation</mj-text></mj-column></mj-section>'
      )
    );

    const built = await cli(dir, 'build', '--quiet', '--locales', 'en,th');
    expect(built.stderr).toBe('');
    const html = (locale: string, type = 'SignIn') => readFileSync(join(dir, 'out/emails', locale, `${type}.html`), 'utf8');
    expect(html('en')).toContain(heading);
    expect(html('th')).toContain(heading);
    // Other types keep the shipped template; the brand is the one init wrote; the locale override applies.
    expect(html('en', 'Register')).toContain('Finish creating your account');
    expect(html('en', 'Register')).not.toContain(heading);
    const brand = JSON.parse(readFileSync(join(dir, 'emails/brand.json'), 'utf8'));
    expect(html('en')).toContain(brand.companyInformation[0]);
    const override = JSON.parse(readFileSync(join(dir, 'emails/locales/en/email.json'), 'utf8'));
    expect(html('en')).toContain(override.common.help);
    expect(html('th')).not.toContain(override.common.help);
    expect(html('en', 'OrganizationInvitation')).toContain('Ejected invitation');
  });
});

describe('the generated snapshot test', () => {
  it("runs with the project's vitest and writes its snapshot", { timeout: 120_000 }, async () => {
    project = tempProject('authmail-project-');
    const { dir } = project;
    await cli(dir, 'init', '--yes');
    // The project's vitest: this repository's (the version init pins), linked beside authmail so
    // vitest's cache goes to the project's own node_modules, in the temp folder.
    symlinkSync(join(repoRoot, 'node_modules/vitest'), join(project.root, 'node_modules/vitest'), 'dir');
    const vitest = join(project.root, 'node_modules/vitest/vitest.mjs');
    // --update: under CI=true (the suite's) vitest would refuse to write the first snapshot.
    const first = await run(process.execPath, [vitest, 'run', 'emails', '--update'], { cwd: dir });
    expect(first.stdout).toMatch(/1 passed/);
    const snapshot = readFileSync(join(dir, 'emails/__snapshots__/emails.test.ts.snap'), 'utf8');
    expect(snapshot).toContain('is your Project sign-in code');
    expect(snapshot).toContain('{{code}}');
    // Run again: the snapshot matches.
    const second = await run(process.execPath, [vitest, 'run', 'emails'], { cwd: dir, env: { ...process.env, CI: 'true' } });
    expect(second.stdout).toMatch(/1 passed/);
  });

  it('type-checks with the tsconfig init wrote, an ejected template included', { timeout: 120_000 }, async () => {
    project = tempProject('authmail-project-');
    const { dir } = project;
    await cli(dir, 'init', '--yes');
    await cli(dir, 'eject', 'sign-in');
    // The packages init adds whose types tsc reads: vitest (the test) and @types/react (JSX).
    symlinkSync(join(repoRoot, 'node_modules/vitest'), join(project.root, 'node_modules/vitest'), 'dir');
    mkdirSync(join(project.root, 'node_modules/@types'));
    symlinkSync(join(repoRoot, 'node_modules/@types/react'), join(project.root, 'node_modules/@types/react'), 'dir');
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    await expect(run(process.execPath, [tsc, '-p', dir], { cwd: dir })).resolves.toMatchObject({ stdout: '' });
    // It fails on a type error, so the pass above means something.
    writeFileSync(
      join(dir, 'emails/templates/sign-in.tsx'),
      readFileSync(join(dir, 'emails/templates/sign-in.tsx'), 'utf8').replace('intro={introFor(ctx)}', 'intro={42}')
    );
    await expect(run(process.execPath, [tsc, '-p', dir], { cwd: dir })).rejects.toMatchObject({ stdout: expect.stringContaining('sign-in.tsx') });
  });
});
