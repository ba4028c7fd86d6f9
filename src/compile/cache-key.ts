/**
 * What one cached email depends on, hashed: a key per (type, locale) that changes whenever its
 * output could. Ingredients: the cache format, the authmail code (every src/ file: when unsure,
 * rebuild), the lockfile (every package version), the brand, the code lifetime (the expiry
 * sentence states it), the template with its imports or partials, and the messages of the keys
 * the email looked up (`RenderedEmail.translationKeys`) in its locale and every locale it falls
 * back to (English last). Not the whole catalog: a key no template uses re-renders nothing, and
 * a changed message re-renders only the emails that show it. The keys an email looks up can
 * change only when the template, the code or a message it looked up changes (a message decides
 * no branch otherwise), and each of those is an ingredient.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messagesUsed } from '../i18n/key-usage.ts';
import type { Renderer } from '../render/pipeline.ts';
import type { TemplateSource } from '../registry.ts';
import type { UsageType } from '../schema/usage-types.ts';
import { templateDependencies } from '../render/template-deps.ts';

export const cacheFormat = 4;

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

/**
 * authmail's own code and the installed packages, hashed. `build --watch` hashes them once for its
 * session: the process runs the code it loaded at start, whatever the files say later.
 */
export function codeHash(): string {
  return sha(String(cacheFormat), hashFiles(filesUnder(srcDir)), existsSync(lockfile) ? hashFiles([lockfile]) : 'no lockfile');
}

/** `translationKeys`: the keys the email looked up when it was rendered. */
export type KeyFor = (type: UsageType, source: TemplateSource, locale: string, translationKeys: readonly string[]) => string | undefined;

/** Hashes the shared inputs once; the returned function keys one email (undefined: do not cache). */
export function cacheKeys(renderer: Renderer, code = codeHash()): KeyFor {
  const shared = sha(code, JSON.stringify(renderer.brand), String(renderer.codeLifetime));
  const templateHashes = new Map<string, string | undefined>();
  const templateHash = (file: string) => {
    if (!templateHashes.has(file)) {
      let hash: string | undefined;
      try {
        hash = hashFiles(templateDependencies(file));
      } catch {
        hash = undefined; // an unresolvable import: never trust a cached render of it
      }
      templateHashes.set(file, hash);
    }
    return templateHashes.get(file);
  };
  return (type, source, locale, translationKeys) => {
    const template = templateHash(source.file);
    return template && sha(shared, type, source.engine, template, locale, messagesUsed(renderer.catalog, locale, translationKeys));
  };
}
