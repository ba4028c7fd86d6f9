/**
 * The project flags, each defined once here. What they mean is resolved in one place,
 * project/resolve.ts (a flag wins over the config file, which wins over the defaults).
 */
import type { Command } from 'commander';
import { noBrandReason } from '../config/sample-brand.ts';
import { UsageError } from '../errors.ts';
import { defaultApiUrl, defaultSmtpUrl } from '../project/inbox-urls.ts';
import { openProject, type Project, type ProjectFlags } from '../project/resolve.ts';
import { projectBrand } from '../project/setup.ts';
import { defaultBrandFile, loadBrandSync } from '../schema/brand.ts';
import { codeLifetimeOption, list } from './options.ts';

export { openProject, projectBrand, type Project, type ProjectFlags };

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
export function projectOptions(
  command: Command,
  flags: readonly (keyof ProjectFlags)[],
  descriptions: Partial<Record<keyof ProjectFlags, string>> = {}
): Command {
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

/** `--allow-sample-brand`, for the commands whose mail reaches people (serve, worker, push). */
export const allowSampleBrandFlag = [
  '--allow-sample-brand',
  "use authmail's sample brand although the project has none (no brand in the config, no --brand): for trials only",
] as const;

/** The sample brand's name, as the refusals quote it. */
const sampleBrandName = () => loadBrandSync(defaultBrandFile).name;

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

/** What `serve` and `worker` take from the project: loadServeConfig's inputs below flags and environment. */
export async function serveInputs(project: Project) {
  return {
    brand: await projectBrand(project),
    localesDir: project.localesDir,
    project: { defaultLocale: project.defaultLocale, smtpUrl: project.mailpit.smtp },
  };
}
