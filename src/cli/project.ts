/**
 * The one place a command's flags meet the project config file: a flag wins over the config,
 * which wins over authmail's built-in defaults. Flag paths are relative to the working folder,
 * config paths to the config file's folder (see config/load.ts).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadProjectConfig, type ProjectConfig } from '../config/load.ts';
import { noBrandReason } from '../config/sample-brand.ts';
import { UsageError } from '../errors.ts';
import { defaultApiUrl, defaultSmtpUrl } from '../inbox/urls.ts';
import { defaultBrandFile, loadBrand, loadBrandSync, type Brand } from '../schema/brand.ts';
import { codeLifetimeOption, list } from './options.ts';

/** The flags a command may take that the config file also sets. */
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
  codeLifetime?: number;
}

/** The project config with the flags applied; Mailpit's URLs always set. */
export interface Project extends Omit<ProjectConfig, 'mailpit'> {
  mailpit: { smtp: string; api: string };
}

const flagDefinitions = {
  config: ['-c, --config <file>', 'project config file (default: authmail.config.{ts,mts,js,mjs,json} in the current folder, if any)'],
  templatesDir: ['--templates-dir <dir>', "templates folder (default: the config's templatesDir, else the templates shipped with authmail)"],
  localesDir: ['--locales-dir <dir>', "locales folder (default: the config's localesDir, else the locales shipped with authmail)"],
  brand: ['-b, --brand <file>', "brand JSON (default: the config's brand, else the sample brand shipped with authmail)"],
  locales: ['-l, --locales <list>', "comma-separated locale tags (default: the config's locales, else every locale)"],
  defaultLocale: ['--default-locale <tag>', "locale of the connector configs, one template per type (default: the config's defaultLocale, else en)"],
  out: ['-o, --out <dir>', "output folder (default: the config's outDir, else out)"],
  smtpUrl: ['--smtp-url <url>', `Mailpit SMTP (default: the config's mailpit.smtp, else ${defaultSmtpUrl})`],
  apiUrl: ['--api-url <url>', `Mailpit web UI and API (default: the config's mailpit.api, else ${defaultApiUrl})`],
} as const satisfies Record<Exclude<keyof ProjectFlags, 'codeLifetime'>, readonly [string, string]>;

/** Adds the named project flags to a command, each described once here. `out` may be described by the command. */
export function projectOptions(command: Command, flags: readonly (keyof ProjectFlags)[], descriptions: Partial<Record<keyof ProjectFlags, string>> = {}): Command {
  for (const flag of flags) {
    if (flag === 'codeLifetime') {
      command.addOption(codeLifetimeOption());
      continue;
    }
    const [spec, description] = flagDefinitions[flag];
    if (flag === 'locales') command.option(spec, descriptions[flag] ?? description, list);
    else command.option(spec, descriptions[flag] ?? description);
  }
  return command;
}

/** Reads the config file (`--config`, or the one in `cwd`) and applies the flags over it. */
export async function openProject(flags: ProjectFlags, cwd = process.cwd()): Promise<Project> {
  const config = await loadProjectConfig({ cwd, file: flags.config });
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
    mailpit: { smtp: flags.smtpUrl ?? config.mailpit.smtp ?? defaultSmtpUrl, api: flags.apiUrl ?? config.mailpit.api ?? defaultApiUrl },
  };
}

/** `--allow-sample-brand`, for the commands whose mail reaches people (serve, worker, push). */
export const allowSampleBrandFlag = ['--allow-sample-brand', "use authmail's sample brand although the project has none (no brand in the config, no --brand): for trials only"] as const;

/** The sample brand's name, as the refusals quote it. */
export const sampleBrandName = () => loadBrandSync(defaultBrandFile).name;

/**
 * serve and worker send mail to people: a project with no brand of its own (no config file found,
 * or one without `brand`, and no --brand) would send authmail's sample brand. Refused, naming the
 * config file looked for and the flag, unless --allow-sample-brand says it is meant.
 */
export function refuseSampleBrand(project: Project, command: string, allowSampleBrand: boolean | undefined): void {
  if (project.brandFile !== undefined || allowSampleBrand) return;
  throw new UsageError(
    `${command} would send authmail's sample brand ("${sampleBrandName()}") to real users: ${noBrandReason(project)}, and no --brand was given. ` +
      `Set "brand" in the config (or pass --config <file> or --brand <file>), or pass --allow-sample-brand to send it anyway.`
  );
}

/** The project's brand: its file, else the sample brand shipped with authmail. */
export function projectBrand(project: Project): Promise<Brand> {
  return loadBrand(project.brandFile ?? defaultBrandFile);
}

/** What `serve` and `worker` take from the project: loadServeConfig's inputs below flags and environment. */
export async function serveInputs(project: Project) {
  return { brand: await projectBrand(project), localesDir: project.localesDir, project: { defaultLocale: project.defaultLocale, smtpUrl: project.mailpit.smtp } };
}
