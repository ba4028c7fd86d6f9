/**
 * Snapshot files on disk, for any service: written atomically (a temporary file renamed into
 * place, so a crash never leaves half a snapshot), named so that a folder listing sorts by time,
 * and pruned to the newest `keep` per service and tenant.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseJsonText } from '../json-text.ts';
import { UsageError } from '../errors.ts';

export interface SnapshotFolder {
  /** Absolute. */
  dir: string;
  /** How many snapshots of one service and tenant to keep; older ones are deleted. */
  keep: number;
}

/** JSON with object keys sorted at every level: the same content always gives the same bytes (and hash). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])])
    );
  }
  return value;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** `<service>-<tenant>-` : the tenant label reduced to characters safe in any file system. */
const prefixOf = (service: string, tenant: string) => `${service}-${tenant.replace(/[^A-Za-z0-9.-]+/g, '_')}-`;

/** `<service>-<tenant>-2026-12-07T03-30-00-123Z.json`: sorts by time, no `:` (Windows). */
function snapshotFileName(service: string, tenant: string, at: Date): string {
  return `${prefixOf(service, tenant)}${at.toISOString().replace(/:/g, '-').replace('.', '-')}.json`;
}

/** Writes a new snapshot into the folder, then deletes this tenant's oldest beyond `keep`. Returns its path. */
export async function saveSnapshot(folder: SnapshotFolder, service: string, tenant: string, at: Date, text: string): Promise<string> {
  // Two snapshots of one tenant in the same millisecond: never overwrite one. `_` sorts after `.`,
  // so the later file still sorts last and retention deletes the older one first.
  const name = snapshotFileName(service, tenant, at);
  let file = join(folder.dir, name);
  for (let n = 1; existsSync(file); n++) file = join(folder.dir, name.replace(/\.json$/, `_${n}.json`));
  await writeFileAtomic(file, text);
  const prefix = prefixOf(service, tenant);
  const mine = (await readdir(folder.dir)).filter((name) => name.startsWith(prefix) && name.endsWith('.json')).sort();
  for (const old of mine.slice(0, Math.max(0, mine.length - folder.keep))) await rm(join(folder.dir, old), { force: true });
  return file;
}

/** Reads a snapshot file as JSON; a missing or unreadable file is bad input naming the file. */
export async function readSnapshotJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read snapshot ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // parseJsonText names the line and column, never the file's text.
  return parseJsonText(text, `snapshot ${file}`);
}

/**
 * The end of a pull: in a dry run, say what the service holds and write nothing; else write the
 * snapshot and say where. `names` are what the snapshot holds (language tags, aliases).
 */
export async function finishPull<S extends { sha256: string; templates: readonly unknown[] }>(
  snapshot: S,
  { source, names, dryRun }: { source: string; names: readonly string[]; dryRun: boolean },
  write: (snapshot: S) => Promise<string>,
  report: { say(line: string): void }
): Promise<{ snapshot: S; file?: string }> {
  const summary = `${snapshot.templates.length} templates (${[...new Set(names)].join(', ') || 'none'}), sha256 ${snapshot.sha256.slice(0, 12)}`;
  if (dryRun) {
    report.say(`Dry run: ${source} holds ${summary}; no file written.`);
    return { snapshot };
  }
  const file = await write(snapshot);
  report.say(`Wrote ${file}: ${summary}.`);
  return { snapshot, file };
}
