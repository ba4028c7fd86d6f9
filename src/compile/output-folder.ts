/**
 * Which folder a build may replace. The swap (output.ts) renames the old output aside and removes
 * it, so it must only ever be given a folder authmail built: one that does not exist yet, is
 * empty, or holds the build cache file, which every build writes, and nothing but the files that
 * cache file lists as written. Anything else — the project, a folder holding the inputs, a
 * stranger's folder, a file, a folder with a file added by hand or a marker put there by anyone
 * but a build — is refused before anything renders, so a build never removes a file it did not
 * write. A symlinked `--out` is resolved: the folder it points to is the one replaced, the link stays.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutputFolderError } from '../errors.ts';

/** The file that says "authmail built this folder": the build cache (see cache.ts), written by every build. */
export const outputMarker = '.authmail-cache.json';

/** Says "a preview build wrote this folder" and lists its files (relative path → SHA-256): storybook/static-build.ts. */
export const previewMarker = '.authmail-preview.json';

/** The command behind each marker, so a refusal says "this is build's output" rather than "no build wrote it". */
const writerOf: Readonly<Record<string, string>> = { [outputMarker]: 'authmail build', [previewMarker]: 'authmail build-preview' };

/** authmail's own package folder: never an output, wherever the user's inputs are. */
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What a build must not replace or contain. */
export interface Protected {
  /** The build's inputs (templates and locales folders, brand file): never inside the output either. */
  inputs: readonly { what: string; path: string }[];
  /** Defaults to process.cwd(). */
  cwd?: string;
  /** Where `out` was set, as errors name it (default `--out <out>`; the config file's outDir otherwise). */
  source?: string;
  /** The file that says which build wrote the folder and lists its files (default: the build cache; previews write their own). */
  marker?: string;
}

/** `path` with every symlink resolved, including a link (or chain of links) to a folder that does not exist yet. */
export function realPath(path: string): string {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let link = false;
    try {
      link = lstatSync(current).isSymbolicLink();
    } catch {
      // does not exist: resolve the part that does
      const parent = dirname(current);
      return parent === current ? current : join(realPath(parent), basename(current));
    }
    if (!link) return realpathSync(current);
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new OutputFolderError(`${path}: too many levels of symbolic links`);
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);

/**
 * Checks that `out` may be replaced by a build and returns the real folder to build into. A swap
 * that was interrupted (the old output set aside, the new one not yet in) is undone first.
 * Throws OutputFolderError naming the path otherwise.
 */
export function claimOutputFolder(out: string, { inputs, cwd = process.cwd(), source = `--out ${out}`, marker = outputMarker }: Protected): string {
  const target = realPath(resolve(cwd, out));
  const refuse = (why: string) =>
    new OutputFolderError(`${source}: refusing to build into ${target}: ${why}. Choose a new or empty folder, or one a previous build wrote.`);
  const guarded = [{ what: 'the current folder', path: cwd }, { what: "authmail's own package folder", path: packageRoot }, ...inputs];
  for (const { what, path } of guarded) {
    const real = realPath(path);
    if (within(real, target)) throw refuse(real === target ? `it is ${what}` : `it contains ${what} (${real})`);
  }
  for (const { what, path } of inputs) {
    const real = realPath(path);
    if (within(target, real) && statSync(real, { throwIfNoEntry: false })?.isDirectory()) throw refuse(`it is inside ${what} (${real}), which the build reads`);
  }
  recoverInterruptedSwap(target);
  const why = notOurs(target, marker);
  if (why) throw refuse(why);
  return target;
}

/**
 * Files a file manager writes into any folder it merely shows (macOS Finder, Windows Explorer):
 * they hold nothing of the user's, so a build replaces a folder holding them like one without.
 */
const osMetadata = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/**
 * Why `target` is not a folder a build may replace, or undefined when it may: missing, empty, or
 * holding the marker and only files the marker lists (and the folders they are in).
 */
export function notOurs(target: string, marker = outputMarker): string | undefined {
  const stats = lstatSync(target, { throwIfNoEntry: false });
  if (!stats) return undefined;
  if (!stats.isDirectory()) return 'it is a file, not a folder';
  const names = readdirSync(target);
  if (names.length === 0) return undefined;
  if (!names.includes(marker)) {
    const other = Object.keys(writerOf).find((name) => name !== marker && names.includes(name));
    if (other) return `it is ${writerOf[other]}'s output (it holds ${other}), not ${writerOf[marker] ?? 'this command'}'s`;
    return `it is not empty and holds no ${marker}, so no ${writerOf[marker] ?? 'build'} wrote it`;
  }
  const written = writtenFiles(target, marker);
  const listed = written ?? new Set<string>();
  const folders = new Set(
    [...listed].flatMap((path) =>
      path
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/'))
    )
  );
  const stranger = readdirSync(target, { recursive: true, withFileTypes: true })
    .map((entry) => ({ entry, path: relative(target, join(entry.parentPath, entry.name)).split(sep).join('/') }))
    .filter(
      ({ entry, path }) =>
        path !== marker && !(entry.isFile() && (listed.has(path) || osMetadata.has(entry.name))) && !(entry.isDirectory() && folders.has(path))
    )
    // A file is named before a folder: the folder holding a stray file is not the news.
    .sort((a, b) => Number(a.entry.isDirectory()) - Number(b.entry.isDirectory()) || (a.path < b.path ? -1 : 1))[0]?.path;
  if (!stranger) return undefined;
  if (!written)
    return `its ${marker} lists no files (an older authmail wrote it, or no build did), so which of its files a build wrote is unknown; delete the folder once, or choose another`;
  return `it holds ${stranger}, which no build wrote (its ${marker} does not list it); move it out first`;
}

/** The files the build that wrote `target` lists in its marker (the cache file, cache.ts); undefined when it has no list. */
function writtenFiles(target: string, marker: string): Set<string> | undefined {
  try {
    const { files } = JSON.parse(readFileSync(join(target, marker), 'utf8')) as { files?: unknown };
    return typeof files === 'object' && files !== null && !Array.isArray(files) ? new Set(Object.keys(files)) : undefined;
  } catch {
    return undefined;
  }
}

/** The pid in a staging or previous folder's name (`.<name>-<kind>-<pid>-<time>-<n>`), for `kind`. */
export function siblingPid(target: string, name: string, kind: string): { pid: number; time: number } | undefined {
  const match = new RegExp(`^\\.${escape(basename(target))}-${kind}-(\\d+)-(\\d+)-\\d+$`).exec(name);
  return match ? { pid: Number(match[1]), time: Number(match[2]) } : undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * A build killed between the swap's two renames left no output, only the previous one set aside
 * (`.<name>-previous-<pid>-…`): put the newest such folder back before anything reads or removes it.
 */
function recoverInterruptedSwap(target: string): void {
  if (lstatSync(target, { throwIfNoEntry: false })) return;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return; // no parent yet: nothing was ever built here
  }
  const aside = names
    .map((name) => ({ name, found: siblingPid(target, name, 'previous') }))
    .filter(({ found }) => found && !isRunning(found.pid))
    .sort((a, b) => b.found!.time - a.found!.time)[0];
  if (aside) renameSync(join(dirname(target), aside.name), target);
}
