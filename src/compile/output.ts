/**
 * A build's output folder, replaced atomically: files are staged in a sibling folder as they are
 * produced, then swapped in with two renames, so the folder is either the previous build or the
 * new one — never half of each. A failed build discards the stage. A file whose previous version
 * holds exactly the new content, read and compared, and is shared with nothing else (one link) is
 * hard-linked instead of created: creating files is most of what a rebuild that changed little
 * costs, and the previous output is removed at the swap, so the new file is again shared with
 * nothing. Anything else is written anew: linking on the cache's word alone carried a hand edit
 * (or a planted output's link to an outside file) into the new build, which then no longer
 * matched what the build reported. Each file's digest is recorded, for the cache file (cache.ts)
 * and the output guard (output-folder.ts).
 *
 * Only a folder output-folder.ts accepts is replaced; it is checked again right before the swap.
 * A build killed between the two renames leaves the previous output aside, and the next one puts
 * it back (output-folder.ts); what a killed build left otherwise is removed when the next begins.
 */
import { createHash } from 'node:crypto';
import { chmodSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isRunning, notOurs, outputMarker, realPath, siblingPid } from './output-folder.ts';

export interface StagedOutput {
  /** Stages a file. Throws naming the path. */
  put(path: string, content: string): void;
  /** Every file staged so far: relative path → its digest (`fileDigest`). */
  digests(): ReadonlyMap<string, string>;
  /** Swaps the staged folder in; throws (and discards it) if the folder may no longer be replaced. */
  commit(): void;
  /** Drops everything staged; the previous output stays. */
  discard(): void;
}

/** `.<name>-<kind>-<pid>-<time>-<n>` beside the target: staging and set-aside folders, named for the process owning them. */
const siblingName = (target: string, kind: 'staging' | 'previous', n: number) =>
  join(dirname(target), `.${basename(target)}-${kind}-${process.pid}-${Date.now()}-${n}`);

export function openOutput(outDir: string): StagedOutput {
  const target = realPath(outDir); // a symlinked folder is written through: the link stays
  const stage = stageFolder(target, outputMarker);
  const staging = stage.dir;
  mkdirSync(staging, { recursive: true });
  const made = new Set([staging]);
  const digests = new Map<string, string>();
  let ended = false;
  const ensureOpen = () => {
    if (ended) throw new Error(`${outDir}: the output is already committed or discarded`);
  };

  return {
    put(path, content) {
      ensureOpen();
      const file = join(staging, path);
      try {
        const dir = dirname(file);
        if (!made.has(dir)) {
          mkdirSync(dir, { recursive: true });
          made.add(dir);
        }
        // Encoded once for the comparison, the write and the digest (a save stages every file).
        const bytes = Buffer.from(content, 'utf8');
        if (!(holds(join(target, path), bytes) && linked(join(target, path), file))) writeFileSync(file, bytes);
        digests.set(path, fileDigest(bytes));
      } catch (error) {
        throw new Error(`writing ${path}: ${(error as Error).message}`, { cause: error });
      }
    },
    digests: () => digests,
    commit() {
      ensureOpen();
      ended = true;
      stage.commit();
    },
    discard() {
      ended = true;
      stage.discard();
    },
  };
}

/** A staging folder that another program fills (`storybook build --output-dir`), swapped in as a build's is. */
export interface FolderStage {
  /** Where the program writes: beside the target, named for this process (so a later build removes it if this one is killed). */
  readonly dir: string;
  /** Swaps `dir` in; throws (and discards it) if the folder may no longer be replaced, checked with `marker`. */
  commit(): void;
  /** Removes `dir` unless committed; the previous folder stays. */
  discard(): void;
}

/** `openOutput` for a folder authmail does not write file by file: the same naming, leftover clean-up, re-check and swap. */
export function stageFolder(outDir: string, marker: string): FolderStage {
  const target = realPath(outDir);
  removeAbandoned(target);
  const dir = siblingName(target, 'staging', 0);
  let ended = false;
  return {
    dir,
    commit() {
      if (ended) throw new Error(`${outDir}: the stage is already committed or discarded`);
      ended = true;
      let previous: string | undefined;
      try {
        // Checked when the build began (output-folder.ts); again here, in case the folder was replaced since.
        const why = notOurs(target, marker);
        if (why) throw new Error(`${target}: ${why}; left as it is`);
        previous = swap(target, dir);
      } catch (error) {
        removeOwned(dir);
        throw error;
      }
      if (previous) removeOwned(previous);
    },
    discard() {
      if (ended) return;
      ended = true;
      removeOwned(dir);
    },
  };
}

/**
 * Whether `file` is a plain file of the previous output, shared with nothing (a file linked from
 * elsewhere would carry later edits there), holding exactly `content`. Reading is far cheaper
 * than creating a file.
 */
function holds(file: string, content: Buffer): boolean {
  try {
    const stats = lstatSync(file);
    return stats.isFile() && stats.nlink === 1 && stats.size === content.length && readFileSync(file).equals(content);
  } catch {
    return false;
  }
}

function linked(existing: string, file: string): boolean {
  try {
    linkSync(existing, file);
    return true;
  } catch {
    return false; // another filesystem, or links not allowed: write it
  }
}

/** What the cache file records for a file: the SHA-256 of its UTF-8 text (or those bytes), in hex. */
export const fileDigest = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');

/** Previous output aside, staged output in; on failure the previous output is put back. Returns the folder to remove. */
function swap(target: string, staging: string): string | undefined {
  mkdirSync(dirname(target), { recursive: true });
  const previous = siblingName(target, 'previous', 1);
  let hadPrevious = true;
  try {
    renameSync(target, previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadPrevious = false;
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    if (hadPrevious) renameSync(previous, target);
    throw error;
  }
  return hadPrevious ? previous : undefined;
}

/**
 * Removes a folder a build made or set aside. An output may hold a read-only folder (copied in,
 * or made so by hand), whose entries cannot be removed until it is writable again.
 */
function removeOwned(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw error;
    makeRemovable(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

function makeRemovable(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) makeRemovable(join(dir, entry.name));
}

/** Staging and set-aside folders left by a killed build (its process is gone). Best effort: a leftover never fails a build. */
function removeAbandoned(target: string): void {
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const found = siblingPid(target, name, 'staging') ?? siblingPid(target, name, 'previous');
    if (!found || isRunning(found.pid)) continue;
    try {
      removeOwned(join(dirname(target), name));
    } catch {
      // left for a later build
    }
  }
}
