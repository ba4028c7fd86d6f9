/**
 * The files a template's output depends on: for `.tsx`, the template and every local module it
 * imports (transitively); for `.mjml`, the template and every `[[> partial]]` it includes
 * (transitively). Package imports are covered by the dependency versions in the cache key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { mjmlPartialDirs } from '../registry.ts';

/** `import x from './a'`, `export … from './a'`, `import './a'`, `import('./a')`; `import type` is erased, so skipped. */
const localImport = /\b(?:(?:import|export)\s+(type\s)?[^'"]*?\bfrom\s*|import\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
const mjmlPartial = /\[\[>\s*([\w-]+)\s*\]\]/g;

/** Resolves `./x.tsx`, `./x` (→ .tsx/.ts/index) the way the loader would; undefined when unsure. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = extname(base) ? [base] : ['.tsx', '.ts', '/index.tsx', '/index.ts'].map((ending) => base + ending);
  return candidates.find((candidate) => existsSync(candidate));
}

/** `partialDirs`: the root template's (see mjmlPartialDirs); a partial's own includes resolve as the template's do. */
function directDependencies(file: string, source: string, partialDirs: readonly string[]): (string | undefined)[] {
  if (file.endsWith('.mjml')) {
    return [...source.matchAll(mjmlPartial)].map((match) => partialDirs.map((dir) => join(dir, `${match[1]}.mjml`)).find((partial) => existsSync(partial)));
  }
  return [...source.matchAll(localImport)].filter((match) => !match[1]).map((match) => resolveImport(file, match[2]!));
}

/**
 * Every file `file` depends on, itself first, sorted after it. Throws when an import cannot be
 * resolved: the caller then renders instead of trusting a key it could not compute.
 */
export function templateDependencies(file: string): string[] {
  const seen = new Set<string>();
  const pending = [resolve(file)];
  const partialDirs = mjmlPartialDirs(file);
  while (pending.length) {
    const current = pending.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const dependency of directDependencies(current, readFileSync(current, 'utf8'), partialDirs)) {
      if (!dependency) throw new Error(`${current}: an import or partial could not be resolved`);
      pending.push(dependency);
    }
  }
  const [self, ...rest] = [...seen];
  return [self!, ...rest.sort()];
}
