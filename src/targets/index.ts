/**
 * Every compile target `authmail build` writes: each sibling module that exports `target`, named
 * after its file. Adding a connector means adding its file; nothing here changes.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Target } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));

export async function discoverTargets(dir = here): Promise<Target[]> {
  const files = readdirSync(dir)
    .filter((file) => /\.(ts|js|mjs)$/.test(file) && !/\.d\.ts$|\.test\./.test(file) && basename(file, extname(file)) !== 'index')
    .sort();
  const found: Target[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as { target?: Target };
    if (!module.target) continue; // helpers (pick.ts, types.ts)
    const name = basename(file, extname(file));
    if (module.target.name !== name) throw new Error(`${file} exports a target named "${module.target.name}"; a target is named after its file ("${name}")`);
    found.push(module.target);
  }
  return found;
}

export const targets: readonly Target[] = await discoverTargets();
