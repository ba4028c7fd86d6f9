/**
 * Writes a build into a sibling temporary folder, then swaps it in with renames, so the output
 * folder is either the previous build or the new one — never half of each.
 *
 * A build is hundreds of small files: they are written with synchronous calls, which measured about
 * 3× faster here than the same writes through the promise API's thread pool. Files the caller knows
 * are unchanged since the previous build are hard-linked from it instead of rewritten; if linking
 * is impossible (another filesystem, no previous file), they are written like the rest.
 */
import { linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { BuildFiles } from './files.ts';

/**
 * What this process last swapped into each output folder: a file whose content is the same again
 * is linked rather than rewritten (`build --watch` rewrites only what changed).
 */
const lastWritten = new Map<string, ReadonlyMap<string, string>>();

export interface WriteOptions {
  /** Paths whose content equals the previous build's file at the same path. */
  unchanged?: ReadonlySet<string>;
}

export async function writeAtomic(outDir: string, files: BuildFiles, { unchanged }: WriteOptions = {}): Promise<void> {
  const target = resolve(outDir);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(dirname(target), `.${basename(target)}-staging-${stamp}`);
  const previous = join(dirname(target), `.${basename(target)}-previous-${stamp}`);
  try {
    for (const dir of new Set([...files.keys()].map((path) => dirname(join(staging, path))))) mkdirSync(dir, { recursive: true });
    const written = lastWritten.get(target);
    for (const [path, content] of files) {
      const file = join(staging, path);
      if (unchanged?.has(path) || written?.get(path) === content) {
        try {
          linkSync(join(target, path), file);
          continue;
        } catch {
          // fall through: write it
        }
      }
      writeFileSync(file, content);
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
    lastWritten.set(target, new Map(files));
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
