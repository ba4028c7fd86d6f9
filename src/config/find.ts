/** Which config file a command reads: `--config <file>`, else the one `authmail.config.*` in the folder. */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ConfigError } from '../errors.ts';

export const configFileNames = ['authmail.config.ts', 'authmail.config.mts', 'authmail.config.js', 'authmail.config.mjs', 'authmail.config.json'] as const;

/** The config file's absolute path, or undefined when there is none (and none was asked for). */
export function findConfigFile(cwd: string, file?: string): string | undefined {
  if (file !== undefined) {
    const path = resolve(cwd, file);
    if (!existsSync(path)) throw new ConfigError(`Config file not found: ${path} (from --config ${file}).`);
    return path;
  }
  const found = configFileNames.map((name) => join(cwd, name)).filter((path) => existsSync(path));
  // Two files would leave one silently ignored.
  if (found.length > 1)
    throw new ConfigError(
      `${cwd} has ${found.length} config files (${found.map((path) => path.slice(cwd.length + 1)).join(', ')}): keep one, or pass --config <file>.`
    );
  return found[0];
}

/** A path as a user would type it: relative to `cwd` when inside it, else absolute. */
export function shownPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
