/**
 * This checkout's package as it runs (what package.json `files` ships, package.json itself, and
 * node_modules) copied into a fresh temporary folder every user can enter: for running the CLI
 * as another user (`nobody`), who may not be able to reach the checkout itself (a clone under a
 * 0700 home folder or a `mktemp -d` folder). A test must not depend on where the checkout lives.
 *
 * node_modules is hard-linked file by file where the file system allows it (one second, no bytes
 * copied), else copied. Hard links share the files: never chmod or chown anything in the copy's
 * node_modules.
 */
import { execFile } from 'node:child_process';
import { access, chmod, constants, copyFile, cp, mkdir, mkdtemp, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../..');

export interface PackageCopy {
  dir: string;
  /** bin/authmail.js in the copy. */
  cli: string;
  nodeModules: string;
  /** A Node binary every user can run: this process's own, or a copy of it when its folder is closed to others. */
  node: string;
  remove(): Promise<void>;
}

/** Whether a user other than the owner can reach `path`: every folder above it is world-searchable. */
async function openToOthers(path: string): Promise<boolean> {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

export async function packageCopy(): Promise<PackageCopy> {
  const dir = await mkdtemp(join(tmpdir(), 'authmail-package-'));
  try {
    await chmod(dir, 0o755);
    if (!(await openToOthers(dir))) throw new Error(`${tmpdir()} (the temporary folder) is not open to other users: a copy there does not help`);
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { files: string[] };
    await cp(join(root, 'package.json'), join(dir, 'package.json'));
    for (const entry of manifest.files.filter((file) => !file.startsWith('!'))) {
      // Not built or not there: the CLI then fails on it, naming it.
      if (
        !(await access(join(root, entry)).then(
          () => true,
          () => false
        ))
      )
        continue;
      await mkdir(dirname(join(dir, entry)), { recursive: true });
      await cp(join(root, entry), join(dir, entry), { recursive: true });
    }
    // The folder itself, where node_modules is a link (a link would lead back to where the checkout is).
    const installed = await realpath(join(root, 'node_modules'));
    const nodeModules = join(dir, 'node_modules');
    await promisify(execFile)('cp', ['-al', installed, nodeModules]).catch(() =>
      promisify(execFile)('cp', ['-a', installed, nodeModules], { maxBuffer: 16 * 1024 * 1024 })
    );
    let node = process.execPath;
    if (!(await openToOthers(node))) {
      node = join(dir, 'node');
      await copyFile(process.execPath, node, constants.COPYFILE_FICLONE);
      await chmod(node, 0o755);
    }
    return { dir, cli: join(dir, 'bin/authmail.js'), nodeModules, node, remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
