/**
 * `loadProjectConfig`: finds, imports and validates the project config file and resolves it into
 * a ProjectConfig: absolute paths (relative to the file's folder), defaults filled in. Every
 * problem is one ConfigError that names the file, the key path and the rule.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../errors.ts';
import { loadLocales, resolveLocale, sourceLocale } from '../locales.ts';
import { findConfigFile, shownPath } from './find.ts';
import { importConfigFile } from './import.ts';
import { configIssueLines, keyPath } from './issues.ts';
import { defaultCodeLifetime } from '../render/lifetime.ts';
import { configSchema, defaultOutDir, defaultSnapshotsDir, defaultSnapshotsKeep, type ParsedConfig, type Samples } from './schema.ts';

/** The project's settings, resolved. Folders and files are absolute; undefined means "authmail's shipped one". */
export interface ProjectConfig {
  /** The config file read; undefined when the project has none (every default applies). */
  file?: string;
  /** The folder `authmail.config.*` was looked for in (loadProjectConfig's `cwd`). */
  root: string;
  templatesDir?: string;
  localesDir?: string;
  brandFile?: string;
  locales?: string[];
  defaultLocale: string;
  outDir: string;
  /** Seconds. */
  codeLifetime: number;
  samples: Samples;
  mailpit: { smtp?: string; api?: string; spamd?: string };
  /** Inboxes the Storybook preview sends to, by name (config `inboxes`). */
  inboxes: Record<string, { smtp: string; from: string; to: string }>;
  /** Named Logto tenants (`--env`, `promote`); credentials come from the environment, never from here. */
  logto: Record<string, { endpoint: string; resource?: string }>;
  /** Snapshot folder (absolute) and how many snapshots to keep per tenant. */
  snapshots: { dir: string; keep: number };
}

export interface LoadProjectConfigOptions {
  /** Where to look for `authmail.config.*` and what a relative `file` is relative to (default: process.cwd()). */
  cwd?: string;
  /** An explicit config file (`--config`); it must exist. */
  file?: string;
}

/** The config with no file: what every key defaults to. */
export function defaultProjectConfig(cwd = process.cwd()): ProjectConfig {
  return {
    root: cwd,
    defaultLocale: sourceLocale,
    outDir: resolve(cwd, defaultOutDir),
    codeLifetime: defaultCodeLifetime,
    samples: {},
    mailpit: {},
    inboxes: {},
    logto: {},
    snapshots: { dir: resolve(cwd, defaultSnapshotsDir), keep: defaultSnapshotsKeep },
  };
}

export async function loadProjectConfig({ cwd: folder = process.cwd(), file }: LoadProjectConfigOptions = {}): Promise<ProjectConfig> {
  const cwd = resolve(folder);
  const path = findConfigFile(cwd, file);
  if (!path) return defaultProjectConfig(cwd);
  const shown = shownPath(path, cwd);
  let raw: unknown;
  try {
    raw = await importConfigFile(path);
  } catch (error) {
    throw new ConfigError(`${shown}: cannot load the config file: ${(error as Error).message}`, { cause: error });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(lines(shown, configIssueLines(parsed.error)));
  return resolveConfig(parsed.data, path, shown, cwd);
}

const lines = (shown: string, problems: string[]) =>
  problems.length === 1 ? `${shown}: ${problems[0]}` : `${shown}:\n${problems.map((line) => `  - ${line}`).join('\n')}`;

/** Paths made absolute and checked, locales checked against the catalog they name. */
function resolveConfig(config: ParsedConfig, file: string, shown: string, cwd: string): ProjectConfig {
  const root = dirname(file);
  const defaults = defaultProjectConfig(root);
  const problems: string[] = [];
  const existing = (key: 'templatesDir' | 'localesDir' | 'brand', kind: 'folder' | 'file') => {
    const value = config[key];
    if (value === undefined) return undefined;
    const path = resolve(root, value);
    const ok = existsSync(path) && (kind === 'folder' ? statSync(path).isDirectory() : statSync(path).isFile());
    if (!ok) problems.push(`${key}: ${kind} not found: ${path}`);
    return path;
  };
  const templatesDir = existing('templatesDir', 'folder');
  const localesDir = existing('localesDir', 'folder');
  const brandFile = existing('brand', 'file');
  if (problems.length) throw new ConfigError(lines(shown, problems));

  let locales: string[] | undefined;
  let defaultLocale = defaults.defaultLocale;
  if (config.locales || config.defaultLocale) {
    let catalog;
    try {
      catalog = loadLocales(localesDir);
    } catch (error) {
      throw new ConfigError(`${shown}: localesDir: ${(error as Error).message}`, { cause: error });
    }
    const valid = `valid: ${[...catalog.keys()].join(', ')}`;
    const check = (tag: string, path: PropertyKey[]) => {
      try {
        return resolveLocale(tag, catalog);
      } catch {
        problems.push(`${keyPath(path)}: "${tag}" is not a locale; ${valid}`);
        return tag;
      }
    };
    locales = config.locales?.map((tag, index) => check(tag, ['locales', index]));
    if (config.defaultLocale) defaultLocale = check(config.defaultLocale, ['defaultLocale']);
  }
  if (problems.length) throw new ConfigError(lines(shown, problems));

  return {
    file,
    root: cwd,
    templatesDir,
    localesDir,
    brandFile,
    locales,
    defaultLocale,
    outDir: config.outDir === undefined ? defaults.outDir : resolve(root, config.outDir),
    codeLifetime: config.codeLifetime ?? defaults.codeLifetime,
    samples: config.samples ?? {},
    mailpit: config.mailpit ?? {},
    inboxes: config.inboxes ?? {},
    logto: config.logto ?? {},
    snapshots: {
      dir: config.snapshots?.dir === undefined ? defaults.snapshots.dir : resolve(root, config.snapshots.dir),
      keep: config.snapshots?.keep ?? defaults.snapshots.keep,
    },
  };
}
