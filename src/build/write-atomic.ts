/**
 * Writes a build into a sibling temporary folder, then swaps it in with renames, so the output
 * folder is either the previous build or the new one — never half of each.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { BuildFiles } from './files.ts';

export async function writeAtomic(outDir: string, files: BuildFiles): Promise<void> {
  const target = resolve(outDir);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(dirname(target), `.${basename(target)}-staging-${stamp}`);
  const previous = join(dirname(target), `.${basename(target)}-previous-${stamp}`);
  try {
    for (const [path, content] of files) {
      const file = join(staging, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    await mkdir(dirname(target), { recursive: true });
    const hadPrevious = await rename(target, previous).then(() => true, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    });
    try {
      await rename(staging, target);
    } catch (error) {
      if (hadPrevious) await rename(previous, target);
      throw error;
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
