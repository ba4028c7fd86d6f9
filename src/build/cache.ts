/**
 * The incremental build cache: `<out>/.authmail-cache.json` maps each built email to the key of
 * its inputs (see cache-key.ts) and its rendered result. It is written with the build, inside the
 * atomic swap, so it always describes exactly the output beside it. Anything unreadable, from
 * another format, or with a different key is simply rendered again.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Renderer } from '../render/pipeline.ts';
import type { RenderedEmail } from '../render/types.ts';
import { sourceFor, templateFor } from '../registry.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { cacheFormat, cacheKeys } from './cache-key.ts';

export const cacheFileName = '.authmail-cache.json';

interface CacheEntry {
  key: string;
  email: RenderedEmail;
}

type CacheFile = { format: number; entries: Record<string, CacheEntry> };

const idOf = (type: string, locale: string) => `${locale}/${type}`;

class BuildCache {
  private readonly next: Record<string, CacheEntry> = {};

  constructor(private readonly previous: Readonly<Record<string, CacheEntry>> = {}) {}

  /** The previous build of this email, if its inputs are unchanged. */
  lookup(type: string, locale: string, key: string | undefined): RenderedEmail | undefined {
    const entry = key === undefined ? undefined : this.previous[idOf(type, locale)];
    return entry?.key === key ? entry?.email : undefined;
  }

  remember(email: RenderedEmail, key: string | undefined) {
    if (key !== undefined) this.next[idOf(email.type, email.locale)] = { key, email };
  }

  /** The cache file for this build: [relative path, content]. */
  file(): [string, string] {
    const text = JSON.stringify({ format: cacheFormat, entries: this.next } satisfies CacheFile);
    lastProduced = { text, entries: this.next };
    return [cacheFileName, text];
  }
}

/** The last cache file this process produced: `build --watch` need not parse it back (≈ 2 MB). */
let lastProduced: { text: string; entries: Record<string, CacheEntry> } | undefined;

/** Reads the cache next to a previous build; a missing or foreign file means an empty cache. */
async function readBuildCache(outDir: string): Promise<BuildCache> {
  try {
    const text = await readFile(join(outDir, cacheFileName), 'utf8');
    if (lastProduced?.text === text) return new BuildCache(lastProduced.entries);
    const parsed = JSON.parse(text) as Partial<CacheFile>;
    if (parsed.format === cacheFormat && parsed.entries && typeof parsed.entries === 'object') return new BuildCache(parsed.entries);
  } catch {
    // no previous build, or a damaged cache: build everything
  }
  return new BuildCache();
}

export interface OpenCache {
  /** The previous result for this email if nothing it depends on changed. */
  get(type: UsageType, locale: string): RenderedEmail | undefined;
  /** The cache file describing this build's emails: [relative path, content]. */
  file(emails: readonly RenderedEmail[]): [string, string];
}

/** The cache for a build into `outDir`; with `reuse: false` nothing is reused (a fresh cache is still written). */
export async function openBuildCache(renderer: Renderer, outDir: string, { reuse = true } = {}): Promise<OpenCache> {
  const cache = reuse ? await readBuildCache(outDir) : new BuildCache();
  const keyFor = cacheKeys(renderer);
  const keys = new Map<string, string | undefined>();
  const keyOf = (type: UsageType, locale: string) => {
    const id = idOf(type, locale);
    if (!keys.has(id)) keys.set(id, keyFor(type, sourceFor(templateFor(type, renderer.registry)), locale));
    return keys.get(id);
  };
  return {
    get: (type, locale) => cache.lookup(type, locale, keyOf(type, locale)),
    file(emails) {
      for (const email of emails) cache.remember(email, keyOf(email.type, email.locale));
      return cache.file();
    },
  };
}
