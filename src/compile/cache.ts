/**
 * The incremental build cache: `<out>/.authmail-cache.json` maps each built email to the key of
 * its inputs (see cache-key.ts). The email itself is the build's own `emails/<tag>/<Type>.json`
 * beside it (a reused email's three files are linked from there), so the cache file stays small.
 * It is written with the build, inside the atomic swap, so it always describes the output beside
 * it. Anything unreadable, from another format, or with a different key is simply rendered again.
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
import { outputMarker } from './output-folder.ts';

/** Written by every build, so it also marks a folder as a build's output (see output-folder.ts). */
export const cacheFileName = outputMarker;

type CacheFile = { format: number; keys: Record<string, string> };

const idOf = (type: string, locale: string) => `${locale}/${type}`;

/** The email JSON a previous build wrote, if it is readable and is the email asked for. */
function readEmail(outDir: string, type: string, locale: string): RenderedEmail | undefined {
  try {
    const email = JSON.parse(readFileSync(join(outDir, emailPaths({ type: type as UsageType, locale })[2]), 'utf8')) as RenderedEmail;
    return email.type === type && email.locale === locale && typeof email.html === 'string' && typeof email.text === 'string' ? email : undefined;
  } catch {
    return undefined;
  }
}

/** The previous build's keys; a missing, damaged or foreign cache file means none. */
function keysIn(text: string | undefined): Record<string, string> {
  try {
    const parsed = JSON.parse(text ?? '') as Partial<CacheFile>;
    return parsed.format === cacheFormat && parsed.keys && typeof parsed.keys === 'object' ? parsed.keys : {};
  } catch {
    return {}; // no previous build, or a damaged cache: build everything
  }
}

/**
 * What a build wrote, which `build --watch` keeps for its next build: while the cache file in
 * the output is still this one, the emails need not be read back from their JSON.
 */
export interface Written {
  cacheFile: string;
  emails: readonly RenderedEmail[];
}

export interface OpenCache {
  /** The previous result for this email if nothing it depends on changed. */
  get(type: UsageType, locale: string): RenderedEmail | undefined;
  /** The cache file describing this build's emails: [relative path, content]. */
  file(emails: readonly RenderedEmail[]): [string, string];
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
  const previous = keysIn(text);
  const inMemory = last && text === last.cacheFile ? new Map(last.emails.map((email) => [idOf(email.type, email.locale), email])) : undefined;
  const keyFor = cacheKeys(renderer, code);
  const keys = new Map<string, string | undefined>();
  const keyOf = (type: UsageType, locale: string) => {
    const id = idOf(type, locale);
    if (!keys.has(id)) keys.set(id, keyFor(type, sourceFor(templateFor(type, renderer.registry)), locale));
    return keys.get(id);
  };
  return {
    get(type, locale) {
      const id = idOf(type, locale);
      const key = keyOf(type, locale);
      return key !== undefined && previous[id] === key ? (inMemory?.get(id) ?? readEmail(outDir, type, locale)) : undefined;
    },
    file(emails) {
      const next: Record<string, string> = {};
      for (const email of emails) {
        const id = idOf(email.type, email.locale);
        const key = keyOf(email.type, email.locale);
        if (key === undefined) continue;
        next[id] = key;
      }
      return [cacheFileName, JSON.stringify({ format: cacheFormat, keys: next } satisfies CacheFile)];
    },
  };
}
