/**
 * `authmail types`: the project's own translation keys as `authmail-env.d.ts` (see i18n/keys.ts),
 * written beside the config file, or checked against it (`--check`, for CI).
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ProjectConfig } from '../config/load.ts';
import { UsageError } from '../errors.ts';
import { declarationFile, projectKeys, projectKeysDeclaration } from '../i18n/keys.ts';
import { loadLocales } from '../locales.ts';

export interface KeyTypesReport {
  file: string;
  /** The project's own keys, declared in the file. */
  keys: string[];
  /** written: the file changed; unchanged: it was up to date; stale/missing: `check` found it so (nothing written). */
  status: 'written' | 'unchanged' | 'stale' | 'missing';
}

/** Writes (or with `check` compares) the project's key declaration; `out` defaults to authmail-env.d.ts beside the config. */
export function writeKeyTypes(
  project: Pick<ProjectConfig, 'file' | 'root' | 'localesDir'>,
  { out, check = false }: { out?: string; check?: boolean } = {}
): KeyTypesReport {
  const folder = project.file ? dirname(project.file) : project.root;
  const file = out === undefined ? join(folder, declarationFile) : resolve(out);
  const keys = projectKeys(loadLocales(project.localesDir), loadLocales());
  const localesDir = project.localesDir ? relative(dirname(file), project.localesDir).replaceAll('\\', '/') || '.' : 'locales';
  const content = projectKeysDeclaration(keys, localesDir);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const report = (status: KeyTypesReport['status']) => ({ file, keys: [...keys.keys()], status });
  if (current === content) return report('unchanged');
  if (check) return report(current === undefined ? 'missing' : 'stale');
  if (!statSync(dirname(file), { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`${file}: cannot write it, its folder ${dirname(file)} does not exist (create it, or choose another --file)`);
  }
  // Written whole or not at all: a reader (tsc in watch mode) never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
  return report('written');
}
