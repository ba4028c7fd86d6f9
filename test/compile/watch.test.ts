/**
 * `authmail build --watch` as a user runs it: a real process on a temporary copy of templates/ and
 * locales/. Each edit rebuilds only what depends on it, a changed shared component reaches every
 * template importing it, a broken edit leaves the previous output, and SIGTERM stops the process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, projectCopy, root, type ProjectCopy } from './project-copy.ts';

let dir: string;
let child: ChildProcess;
let stdout = '';
let stderr = '';

const builds = () => stdout.split('\n').filter((line) => line.startsWith('Built '));

async function waitFor(check: () => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`timed out waiting for ${what}\n${stdout}\n${stderr}`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
}

/** Edits, then waits for the next build line (or a failure on stderr) and returns it. */
async function rebuildAfter(edit: () => Promise<void>): Promise<string> {
  const before = builds().length;
  const failures = stderr.length;
  await edit();
  await waitFor(() => builds().length > before || stderr.length > failures, 'a rebuild');
  return builds().length > before ? builds().at(-1)! : stderr.slice(failures);
}

const read = (path: string) => readFile(join(dir, 'dist', path), 'utf8');
async function editJson(path: string, change: (messages: Record<string, Record<string, string>>) => void) {
  const file = join(dir, 'locales', path);
  const messages = JSON.parse(await readFile(file, 'utf8'));
  change(messages);
  await writeFile(file, JSON.stringify(messages, null, 2));
}

/** Starts `build --watch` on the scratch copy and waits for its first build. */
async function startWatch() {
  stdout = '';
  stderr = '';
  child = spawn(
    process.execPath,
    [
      cli,
      'build',
      '--watch',
      '--locales',
      'en,th',
      '--out',
      join(dir, 'dist'),
      '--templates-dir',
      join(dir, 'templates'),
      '--locales-dir',
      join(dir, 'locales'),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  await waitFor(() => stdout.includes('Watching'), 'the first build');
}

let project: ProjectCopy;
/** The project after a build: no staging folder beside the output. */
const projectFiles = ['dist', 'locales', 'node_modules', 'package.json', 'templates'];
beforeAll(async () => {
  project = await projectCopy('watch');
  dir = project.dir;
  await startWatch();
}, 90_000);

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));
  }
  await project.remove();
});

describe('authmail build --watch', () => {
  it('builds everything first', () => {
    expect(builds()[0]).toMatch(/18 rendered, 0 from cache/);
  });

  it('re-renders only the email showing the changed message', async () => {
    const line = await rebuildAfter(() => editJson('th/email.json', (m) => (m.SignIn!.heading = 'หัวเรื่องใหม่')));
    expect(line).toMatch(/1 rendered, 17 from cache/);
    expect(await read('emails/th/SignIn.html')).toContain('หัวเรื่องใหม่');
  });

  it('reloads a changed shared component in every template that imports it', async () => {
    const line = await rebuildAfter(async () => {
      const file = join(dir, 'templates/components/code-box.tsx');
      await writeFile(file, (await readFile(file, 'utf8')).replace("letterSpacing: '8px'", "letterSpacing: '11px'"));
    });
    expect(line).toMatch(/16 rendered, 2 from cache/); // every code email; the invitation has no code box
    expect(await read('emails/en/SignIn.html')).toContain('letter-spacing:11px');
    expect(await read('emails/th/BindMfa.html')).toContain('letter-spacing:11px');
  });

  it('re-renders only the template that changed, with the edit', async () => {
    const line = await rebuildAfter(() => appendFile(join(dir, 'templates/generic.tsx'), '\n// an edit\n'));
    expect(line).toMatch(/2 rendered, 16 from cache/);
    const file = join(dir, 'templates/generic.tsx');
    await rebuildAfter(async () => writeFile(file, (await readFile(file, 'utf8')).replace('intro={introFor(ctx)}', "intro={'A rewritten intro'}")));
    expect(await read('emails/en/Generic.html')).toContain('A rewritten intro');
    // The template's shared component changed since it was loaded: the template picks up both.
    await rebuildAfter(async () => {
      const component = join(dir, 'templates/components/code-box.tsx');
      await writeFile(component, (await readFile(component, 'utf8')).replace("letterSpacing: '11px'", "letterSpacing: '13px'"));
    });
    expect(await read('emails/th/Generic.html')).toContain('letter-spacing:13px');
    expect(await read('emails/en/Generic.html')).toContain('A rewritten intro');
  });

  it('sees a save that replaces the file (a temporary file renamed over it), and every save of that file after it', async () => {
    const file = join(dir, 'templates/generic.tsx');
    const source = await readFile(file, 'utf8');
    const replaced = await rebuildAfter(async () => {
      await writeFile(`${file}.tmp`, source.replace('A rewritten intro', 'Saved by replacing the file'));
      await rename(`${file}.tmp`, file);
    });
    expect(replaced).toMatch(/2 rendered, 16 from cache/);
    expect(await read('emails/en/Generic.html')).toContain('Saved by replacing the file');
    // The file is a new inode now: a save in place must still be seen.
    const inPlace = await rebuildAfter(() => writeFile(file, source));
    expect(inPlace).toMatch(/Built 18 emails/);
    expect(await read('emails/en/Generic.html')).toContain('A rewritten intro');
  });

  it('reports a broken edit, keeps the previous output, and recovers on the next save', async () => {
    const before = await read('emails/en/Generic.html');
    const failure = await rebuildAfter(() => editJson('en/email.json', (m) => (m.Generic!.heading = 'Hi {{cod}}')));
    expect(failure).toMatch(/rebuild after .*en\/email\.json failed: .*uses \{\{cod\}\}/);
    expect(await read('emails/en/Generic.html')).toBe(before);
    const line = await rebuildAfter(() => editJson('en/email.json', (m) => (m.Generic!.heading = 'Your new code')));
    expect(line).toMatch(/Built 18 emails/);
    expect(await read('emails/en/Generic.html')).toContain('Your new code');
  });

  it('stops on SIGTERM, leaving no staging folder behind', async () => {
    child.kill('SIGTERM');
    const code = await new Promise((done) => child.once('exit', done));
    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(projectFiles);
  });

  it('started again on that output, renders nothing at start (warming up meanwhile) and the first save rebuilds what changed', async () => {
    await startWatch();
    expect(builds()[0]).toMatch(/0 rendered, 18 from cache/);
    // Saved at once: the rebuild runs beside the warm-up and must not be disturbed by it.
    const line = await rebuildAfter(() => editJson('th/email.json', (m) => (m.Generic!.heading = 'รหัสของคุณ')));
    expect(line).toMatch(/1 rendered, 17 from cache/);
    expect(await read('emails/th/Generic.html')).toContain('รหัสของคุณ');
    child.kill('SIGTERM');
    expect(await new Promise((done) => child.once('exit', done))).toBe(0);
    expect(stderr).toBe('');
    expect((await readdir(dir)).sort()).toEqual(projectFiles);
  });
});
