/**
 * What one cached email depends on, hashed: a key per (type, locale) that changes whenever its
 * output could. Ingredients: the cache format, the authmail code (every src/ file: when unsure,
 * rebuild), the lockfile (every package version), the brand, the template with its imports or
 * partials, the locale's messages and English's (the fallback for missing keys).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceLocale } from '../locales.ts';
import type { Renderer } from '../render/pipeline.ts';
import type { TemplateSource } from '../registry.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { templateVersion } from '../render/template-generation.ts';

export const cacheFormat = 2;

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The lockfile pins every installed package: any dependency change can change output. */
const lockfile = resolve(srcDir, '../package-lock.json');

const sha = (...parts: string[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function hashFiles(files: readonly string[]): string {
  return sha(...files.flatMap((file) => [file, readFileSync(file, 'utf8')]));
}

let code: string | undefined;

/**
 * authmail's own code and the installed packages, hashed once per process: neither can change under
 * a running process (it would not reload them), and `build --watch` rebuilds many times.
 */
function codeHash(): string {
  code ??= sha(String(cacheFormat), hashFiles(filesUnder(srcDir)), existsSync(lockfile) ? hashFiles([lockfile]) : 'no lockfile');
  return code;
}

/** A locale's messages are loaded once per change (see locales.ts), so their hash is kept with them. */
const localeHashes = new WeakMap<object, string>();

export type KeyFor = (type: UsageType, source: TemplateSource, locale: string) => string | undefined;

/** Hashes the shared inputs once; the returned function keys one email (undefined: do not cache). */
export function cacheKeys(renderer: Renderer): KeyFor {
  const shared = sha(codeHash(), JSON.stringify(renderer.brand));
  const localeHash = (tag: string) => {
    const messages = renderer.catalog.get(tag);
    if (!messages) return sha('null');
    let hash = localeHashes.get(messages);
    if (hash === undefined) localeHashes.set(messages, (hash = sha(JSON.stringify(messages))));
    return hash;
  };
  const fallback = localeHash(sourceLocale);
  const templateHashes = new Map<string, string | undefined>();
  const templateHash = (file: string) => {
    if (!templateHashes.has(file)) {
      let hash: string | undefined;
      try {
        hash = templateVersion(file);
      } catch {
        hash = undefined; // an unresolvable import: never trust a cached render of it
      }
      templateHashes.set(file, hash);
    }
    return templateHashes.get(file);
  };
  return (type, source, locale) => {
    const template = templateHash(source.file);
    return template && sha(shared, type, source.engine, template, locale, localeHash(locale), fallback);
  };
}
