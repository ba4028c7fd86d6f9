/**
 * The one place a project's settings are resolved: a flag (or an option given in code) wins over
 * the config file, which wins over authmail's built-in defaults. Flag paths are relative to the
 * working folder, config paths to the config file's folder (see config/load.ts). Every command,
 * `renderEmail` and Storybook's render worker go through `resolveProject`.
 */
import { resolve } from 'node:path';
import { defaultProjectConfig, loadProjectConfig, type ProjectConfig } from '../config/load.ts';
import { defaultApiUrl, defaultSmtpUrl, defaultSpamdAddress } from './inbox-urls.ts';

/** The settings a command's flags (or `renderEmail`'s options) may set over the config file. */
export interface ProjectFlags {
  config?: string;
  templatesDir?: string;
  localesDir?: string;
  brand?: string;
  locales?: string[];
  defaultLocale?: string;
  out?: string;
  smtpUrl?: string;
  apiUrl?: string;
  /** Seconds, already checked by the flag's parser (render/lifetime.ts). */
  codeLifetime?: number;
}

/** The project config with the flags applied; Mailpit's URLs always set. */
export interface Project extends Omit<ProjectConfig, 'mailpit'> {
  mailpit: { smtp: string; api: string; spamd: string };
}

/** Applies the flags over a loaded config: no I/O, nothing read twice. */
export function resolveProject(flags: ProjectFlags, config: ProjectConfig, cwd = process.cwd()): Project {
  const path = (value: string | undefined) => (value === undefined ? undefined : resolve(cwd, value));
  return {
    ...config,
    templatesDir: path(flags.templatesDir) ?? config.templatesDir,
    localesDir: path(flags.localesDir) ?? config.localesDir,
    brandFile: path(flags.brand) ?? config.brandFile,
    locales: flags.locales?.length ? flags.locales : config.locales,
    defaultLocale: flags.defaultLocale ?? config.defaultLocale,
    outDir: path(flags.out) ?? config.outDir,
    codeLifetime: flags.codeLifetime ?? config.codeLifetime,
    mailpit: {
      smtp: flags.smtpUrl ?? config.mailpit.smtp ?? defaultSmtpUrl,
      api: flags.apiUrl ?? config.mailpit.api ?? defaultApiUrl,
      spamd: config.mailpit.spamd ?? defaultSpamdAddress,
    },
  };
}

/** Reads the config file (`flags.config`, or the one in `cwd`; `false`: none) and applies the flags over it. */
export async function openProject(flags: Omit<ProjectFlags, 'config'> & { config?: string | false }, cwd = process.cwd()): Promise<Project> {
  const config = flags.config === false ? defaultProjectConfig(cwd) : await loadProjectConfig({ cwd, file: flags.config });
  return resolveProject({ ...flags, config: undefined }, config, cwd);
}
