/**
 * `authmail build --out` through the real CLI, in a temporary copy of a user's project: it never
 * replaces what no build wrote, writes through a symlink, recovers from a swap interrupted by a
 * kill, and is not stopped by a read-only folder in an old output. After every run, nothing
 * outside the output folder is missing or changed.
 */
import { execFile } from 'node:child_process';
import { chmod, lchown, lstat, mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageCopy } from '../helpers/package-copy.ts';
import { cli, projectCopy, type ProjectCopy } from './project-copy.ts';

/** Beyond any Linux pid_max (2^22): no process has it. */
const deadPid = 4_194_305;
let project: ProjectCopy;

/** Every entry below `dir` (links not followed): path → file content, 'folder' or 'link → target'. */
async function tree(dir: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink()) entries.set(path, `link → ${await readlink(path)}`);
    else if (entry.isDirectory()) entries.set(path, 'folder');
    else entries.set(path, await readFile(path, 'utf8'));
  }
  return entries;
}

/** Asserts that every entry `before` had outside `out` (a real path) is still there, unchanged. */
function expectNothingOutsideChanged(before: Map<string, string>, after: Map<string, string>, out?: string) {
  const outside = (path: string) => !out || (path !== out && !path.startsWith(out + sep));
  const missing = [...before].filter(([path, content]) => outside(path) && after.get(path) !== content).map(([path]) => relative(project.base, path));
  expect(missing).toEqual([]);
}

async function authmail(
  args: string[],
  { cwd = project.dir, asUser, bin = cli, node = process.execPath }: { cwd?: string; asUser?: number; bin?: string; node?: string } = {}
) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      node,
      [bin, 'build', '--quiet', '--locales', 'en', '--templates-dir', 'templates', '--locales-dir', 'locales', ...args],
      {
        cwd,
        ...(asUser !== undefined && { uid: asUser, gid: asUser }),
      }
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

beforeAll(async () => {
  project = await projectCopy('out-guard');
  // What a user's project holds beside the inputs, and what sits beside the project.
  await writeFile(join(project.dir, 'README.md'), '# my project\n');
  await mkdir(join(project.dir, '.git'));
  await writeFile(join(project.dir, '.git/HEAD'), 'ref: refs/heads/main\n');
  await mkdir(join(project.dir, 'photos'));
  await writeFile(join(project.dir, 'photos/cat.txt'), 'not an output\n');
  await writeFile(join(project.base, 'sibling.txt'), 'beside the project\n');
  await mkdir(join(project.base, 'elsewhere'));
  await writeFile(join(project.base, 'elsewhere/.keep'), '');
  await writeFile(join(project.base, 'elsewhere/.authmail-cache.json'), '{}');
}, 60_000);

afterAll(() => project.remove());

describe('authmail build --out', () => {
  it.each([
    ['..', 'it contains the current folder'],
    ['.', 'it is the current folder'],
    ['templates', 'it is the templates folder'],
    ['README.md', 'it is a file, not a folder'],
    ['photos', 'it is not empty and holds no .authmail-cache.json'],
    ['templates/dist', 'it is inside the templates folder'],
  ])('refuses --out %s with exit 2, naming the path, and changes nothing', async (out, why) => {
    const before = await tree(project.base);
    const { code, stderr } = await authmail(['--out', out]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--out ${out}: refusing to build into ${join(project.dir, out)}: ${why}`);
    expectNothingOutsideChanged(before, await tree(project.base));
  });

  it('a symlinked --out to a folder holding a planted marker is refused, and loses nothing', async () => {
    await symlink('../elsewhere', join(project.dir, 'linked'));
    const before = await tree(project.base);
    const { code, stderr } = await authmail(['--out', 'linked']);
    expect(code).toBe(2);
    expect(stderr).toContain(`refusing to build into ${join(project.base, 'elsewhere')}: its .authmail-cache.json lists no files`);
    expectNothingOutsideChanged(before, await tree(project.base)); // .keep included
  });

  it('writes through a symlinked --out: the link stays a link, the folder it points to is replaced', async () => {
    const elsewhere = join(project.base, 'elsewhere');
    // The owner empties the folder the link points to: now a build may use it.
    await rm(join(elsewhere, '.keep'));
    await rm(join(elsewhere, '.authmail-cache.json'));
    const before = await tree(project.base);
    expect((await authmail(['--out', 'linked'])).code).toBe(0);
    expect((await lstat(join(project.dir, 'linked'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(project.dir, 'linked'))).toBe('../elsewhere');
    expect(JSON.parse(await readFile(join(elsewhere, 'manifest.json'), 'utf8')).locales).toEqual(['en']);
    // Again through the link: the build reads its cache there.
    const again = await authmail(['--out', 'linked']);
    expect(again.stdout).toMatch(/0 rendered, 9 from cache/);
    expectNothingOutsideChanged(before, await tree(project.base), elsewhere);
    expect((await readdir(project.base)).filter((name) => name.startsWith('.elsewhere-'))).toEqual([]); // no staging left
  });

  it('refuses an output a file was added to by hand, naming it, and keeps the file', async () => {
    expect((await authmail(['--out', 'added'])).code).toBe(0);
    await writeFile(join(project.dir, 'added/emails/en/notes.txt'), 'mine\n');
    const before = await tree(project.base);
    const { code, stderr } = await authmail(['--out', 'added']);
    expect(code).toBe(2);
    expect(stderr).toContain('it holds emails/en/notes.txt, which no build wrote (its .authmail-cache.json does not list it); move it out first');
    expectNothingOutsideChanged(before, await tree(project.base));
    await rm(join(project.dir, 'added/emails/en/notes.txt'));
    expect((await authmail(['--out', 'added'])).code).toBe(0);
  });

  it('removes nothing outside the output folder, whatever --out is', async () => {
    const refused = ['..', '.', 'photos', 'README.md', 'locales', 'photos/cat.txt', project.base];
    const built = ['dist', 'nested/deeper/dist', 'dist', join(project.base, 'beside'), 'linked'];
    for (const out of [...built, ...refused].sort()) {
      const before = await tree(project.base);
      const { code, stderr } = await authmail(['--out', out]);
      expect(code, `--out ${out}: ${stderr}`).toBe(refused.includes(out) ? 2 : 0);
      const real = out === 'linked' ? join(project.base, 'elsewhere') : resolve(project.dir, out);
      expectNothingOutsideChanged(before, await tree(project.base), code === 0 ? real : undefined);
    }
  }, 120_000);

  it('after a kill between the swap’s two renames (no output, the old one set aside), the next build puts the old one back', async () => {
    expect((await authmail(['--out', 'swap'])).code).toBe(0);
    // The state such a kill leaves: the output renamed aside, and a staging folder half written.
    await rename(join(project.dir, 'swap'), join(project.dir, `.swap-previous-${deadPid}-1700000000000-0`));
    await mkdir(join(project.dir, `.swap-staging-${deadPid}-1700000000001-1/emails`), { recursive: true });
    const next = await authmail(['--out', 'swap']);
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/0 rendered, 9 from cache/); // the old output was found again
    expect((await readdir(project.dir)).filter((name) => name.startsWith('.swap-'))).toEqual([]);
  });

  it('a folder of an old output made read-only does not make later builds fail', async () => {
    // As root every folder is writable: then the builds run as `nobody`, for whom it is not, from
    // a copy of the package in the temporary folder: `nobody` may not reach the checkout itself.
    const user = process.getuid?.() === 0 ? 65534 : undefined;
    const own = await projectCopy('out-readonly');
    const copy = user === undefined ? undefined : await packageCopy();
    try {
      if (copy) {
        await rm(join(own.dir, 'node_modules'));
        await symlink(copy.nodeModules, join(own.dir, 'node_modules'), 'dir');
        // The project is nobody's (links themselves, never what they point to).
        for (const path of [own.base, ...(await tree(own.base)).keys()]) await lchown(path, user!, user!);
      }
      const build = () => authmail(['--out', 'dist'], { cwd: own.dir, asUser: user, ...(copy && { bin: copy.cli, node: copy.node }) });
      expect((await build()).code).toBe(0);
      const locked = join(own.dir, 'dist/emails/en');
      await chmod(locked, 0o555);
      for (let i = 0; i < 2; i++) {
        const { code, stderr } = await build();
        expect(stderr).toBe('');
        expect(code).toBe(0);
      }
      expect((await stat(locked)).mode & 0o200).toBe(0o200); // the new output's folder, writable
      expect((await readdir(own.dir)).filter((name) => name.startsWith('.dist-'))).toEqual([]);
    } finally {
      await own.remove();
      await copy?.remove();
    }
  }, 60_000);
});
