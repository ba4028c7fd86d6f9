/**
 * The incremental build cache: `<out>/.authmail-cache.json` maps each built email to the key of
 * its inputs (see cache-key.ts) and the translation keys it looked up (which that key hashes the
 * messages of, and which the email JSON in the output leaves out), and lists every file the build
 * wrote with its digest. The email
 * itself is the build's own `emails/<tag>/<Type>.json` beside it, used only while its digest is
 * the one listed (a hand-edited JSON is rendered again); a reused email's three files are written
 * anew from it, so a hand edit of its HTML or text is undone. The list also tells the output
 * guard which files a build wrote (output-folder.ts). It is written with the build, inside the
 * atomic swap, so it always describes the output beside it. Anything unreadable, from another
 * format, or with a different key is simply rendered again.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Renderer } from '../render/pipeline.ts';
import type { RenderedEmail } from '../render/types.ts';
import { sourceFor, templateFor } from '../registry.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { cacheFormat, cacheKeys } from './cache-key.ts';
import { emailPaths } from './email-files.ts';
import { fileDigest } from './output.ts';
import { outputMarker } from './output-folder.ts';

/** Written by every build, so it also marks a folder as a build's output (see output-folder.ts). */
export const cacheFileName = outputMarker;

/** One email's entry: the key of its inputs, and the translation keys it looked up. */
type CachedEmail = { key: string; translationKeys: string[] };

/** `files`: every file the build wrote (the cache file aside), by relative path → `fileDigest` of its content. */
type CacheFile = { format: number; emails: Record<string, CachedEmail>; files: Record<string, string> };

const idOf = (type: string, locale: string) => `${locale}/${type}`;

/**
 * The email JSON a previous build wrote, if it is readable, unedited (its digest is `digest`) and
 * is the email asked for, with the translation keys the cache file lists for it.
 */
function readEmail(outDir: string, type: string, locale: string, digest: string | undefined, translationKeys: string[]): RenderedEmail | undefined {
  try {
    const text = readFileSync(join(outDir, emailPaths({ type: type as UsageType, locale })[2]), 'utf8');
    if (digest === undefined || fileDigest(text) !== digest) return undefined;
    const email = JSON.parse(text) as RenderedEmail;
    const valid = email.type === type && email.locale === locale && typeof email.html === 'string' && typeof email.text === 'string';
    return valid ? { ...email, translationKeys } : undefined;
  } catch {
    return undefined;
  }
}

/** The previous build's emails and file digests; a missing, damaged or foreign cache file means none. */
function previousBuild(text: string | undefined): Pick<CacheFile, 'emails' | 'files'> {
  try {
    const parsed = JSON.parse(text ?? '') as Partial<CacheFile>;
    const isRecord = (value: unknown): value is Record<string, never> => typeof value === 'object' && value !== null;
    if (parsed.format === cacheFormat && isRecord(parsed.emails) && isRecord(parsed.files)) return { emails: parsed.emails, files: parsed.files };
  } catch {
    // no previous build, or a damaged cache: build everything
  }
  return { emails: {}, files: {} };
}

/** An entry of a cache file, or undefined when it is not one (a hand-edited file). */
function cachedEmail(entry: unknown): CachedEmail | undefined {
  const { key, translationKeys } = (entry ?? {}) as Partial<CachedEmail>;
  const valid = typeof key === 'string' && Array.isArray(translationKeys) && translationKeys.every((name) => typeof name === 'string');
  return valid ? { key, translationKeys } : undefined;
}

/**
 * What a build wrote, which `build --watch` keeps for its next build: while the cache file in
 * the output is still this one, the emails need not be read back from their JSON.
 */
export interface Written {
  cacheFile: string;
  /**
   * Each email the build wrote, with its files as staged ([path, content]): an email the next
   * build keeps is staged from these texts rather than serialised again (still compared with the
   * disk, so a hand edit is undone).
   */
  emailFiles: ReadonlyMap<RenderedEmail, readonly [string, string][]>;
}

export interface OpenCache {
  /** The previous result for this email if nothing it depends on changed. */
  get(type: UsageType, locale: string): RenderedEmail | undefined;
  /** The cache file describing this build's emails and the files it wrote (path → digest): [relative path, content]. */
  file(emails: readonly RenderedEmail[], files: ReadonlyMap<string, string>): [string, string];
}

export interface CacheOptions {
  /** false: nothing is reused (a fresh cache file is still written). */
  reuse?: boolean;
  /** The hash of authmail's code this process runs (see cache-key.ts). */
  code?: string;
  /** What the previous build of this process wrote (`build --watch`). */
  last?: Written;
}

/** The cache for a build into `outDir`. */
export async function openBuildCache(renderer: Renderer, outDir: string, { reuse = true, code, last }: CacheOptions = {}): Promise<OpenCache> {
  const text = reuse ? await readFile(join(outDir, cacheFileName), 'utf8').catch(() => undefined) : undefined;
  const previous = previousBuild(text);
  const inMemory = last && text === last.cacheFile ? new Map([...last.emailFiles.keys()].map((email) => [idOf(email.type, email.locale), email])) : undefined;
  const keyFor = cacheKeys(renderer, code);
  // Asked twice per email (get, then file) with the same keys for every email kept: computed once.
  const keys = new Map<string, string | undefined>();
  const keyOf = (type: UsageType, locale: string, translationKeys: readonly string[]) => {
    const id = `${idOf(type, locale)}\u0000${translationKeys.join('\u0000')}`;
    if (!keys.has(id)) keys.set(id, keyFor(type, sourceFor(templateFor(type, renderer.registry)), locale, translationKeys));
    return keys.get(id);
  };
  return {
    get(type, locale) {
      const id = idOf(type, locale);
      const cached = cachedEmail(previous.emails[id]);
      if (!cached || keyOf(type, locale, cached.translationKeys) !== cached.key) return undefined;
      return inMemory?.get(id) ?? readEmail(outDir, type, locale, previous.files[emailPaths({ type, locale })[2]], cached.translationKeys);
    },
    file(emails, files) {
      const next: Record<string, CachedEmail> = {};
      for (const email of emails) {
        const key = keyOf(email.type, email.locale, email.translationKeys);
        if (key !== undefined) next[idOf(email.type, email.locale)] = { key, translationKeys: email.translationKeys };
      }
      return [cacheFileName, JSON.stringify({ format: cacheFormat, emails: next, files: Object.fromEntries(files) } satisfies CacheFile)];
    },
  };
}
