/**
 * `authmail push logto|postmark`: upload what `authmail build` wrote. This file holds the options
 * and the output; the pushes live in src/push/logto/ and src/push/postmark/. Every line shown
 * passes through `redact`, so credentials and tokens never reach the terminal.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { redact } from '../../push/http.ts';
import { parseEndpoint } from '../../push/logto/api.ts';
import { pushLogto } from '../../push/logto/push.ts';
import { parseApiUrl, postmarkApiUrl } from '../../push/postmark/api.ts';
import { pushPostmark } from '../../push/postmark/push.ts';
import type { PushReport } from '../../push/report.ts';
import { refuseSampleBrandBuild } from '../../push/sample-brand.ts';
import type { Io } from '../io.ts';
import { allowSampleBrandFlag, openProject, projectOptions, type ProjectFlags } from '../project.ts';

interface LogtoOptions extends ProjectFlags {
  endpoint?: string;
  appId?: string;
  appSecret?: string;
  resource?: string;
  from?: string;
  dryRun?: boolean;
  perLocale?: boolean;
  allowSampleBrand?: boolean;
}

interface PostmarkOptions extends ProjectFlags {
  serverToken?: string;
  apiUrl: string;
  from?: string;
  dryRun?: boolean;
  allowSampleBrand?: boolean;
}

export function registerPush(program: Command, io: Io) {
  const push = program
    .command('push')
    .description('Upload built templates: to Logto (Management API email templates) or to Postmark (Templates API).');

  projectOptions(
    push
      .command('logto')
      .description(
        'PUT <from>/logto/email-templates.json to Logto\'s Management API (PUT /api/email-templates). ' +
          'Logto applies it in one transaction: all templates or none.'
      ),
    ['config']
  )
    .addOption(
      new Option('--endpoint <url>', 'your Logto endpoint, e.g. https://<tenant-id>.logto.app (http only on loopback)').env('LOGTO_ENDPOINT').argParser(flagValue(parseEndpoint))
    )
    .addOption(new Option('--app-id <id>', 'App ID of a machine-to-machine app with Management API access').env('LOGTO_APP_ID'))
    .addOption(new Option('--app-secret <secret>', 'App secret of that app (prefer the env var: flags show in `ps`)').env('LOGTO_APP_SECRET'))
    .option(
      '--resource <url>',
      'Management API identifier to request the token for (default: https://<tenant-id>.logto.app/api for *.logto.app endpoints, else https://default.logto.app/api)'
    )
    .option('--from <dir>', "folder `authmail build` wrote (default: the config's outDir, else out)")
    .option('--dry-run', 'get a token, compare with what Logto stores and print what would change; send nothing')
    .option('--per-locale', 'one PUT (one transaction) per language tag; automatic when the body is over Logto\'s 1 MB limit')
    .option(...allowSampleBrandFlag)
    .addHelpText('after', '\nFlags win over environment variables. See docs/push.md for creating the machine-to-machine app.')
    .action((options: LogtoOptions, command: Command) =>
      withRedaction(io, async (report) =>
        pushLogto(
          {
            endpoint: required(command, options.endpoint, '--endpoint', 'LOGTO_ENDPOINT', 'Logto endpoint'),
            appId: required(command, options.appId, '--app-id', 'LOGTO_APP_ID', 'Logto app ID'),
            appSecret: required(command, options.appSecret, '--app-secret', 'LOGTO_APP_SECRET', 'Logto app secret'),
            resource: options.resource,
            from: await builtFolder(options),
            dryRun: options.dryRun,
            perLocale: options.perLocale,
          },
          report
        )
      )
    );

  projectOptions(push.command('postmark').description('Create or update each template of <from>/postmark/templates.json in Postmark, by alias.'), ['config'])
    .addOption(new Option('--server-token <token>', 'Postmark server API token (prefer the env var: flags show in `ps`)').env('POSTMARK_SERVER_TOKEN'))
    .addOption(new Option('--api-url <url>', 'Postmark API base URL (for proxies and tests; http only on loopback)').default(postmarkApiUrl).argParser(flagValue(parseApiUrl)))
    .option('--from <dir>', "folder `authmail build` wrote (default: the config's outDir, else out)")
    .option('--dry-run', 'read each template from Postmark and print what would be created or updated; change nothing')
    .option(...allowSampleBrandFlag)
    .addHelpText('after', '\nFlags win over environment variables. See docs/push.md.')
    .action((options: PostmarkOptions, command: Command) =>
      withRedaction(io, async (report) =>
        pushPostmark(
          {
            serverToken: required(command, options.serverToken, '--server-token', 'POSTMARK_SERVER_TOKEN', 'Postmark server token'),
            apiUrl: options.apiUrl,
            from: await builtFolder(options),
            dryRun: options.dryRun,
          },
          report
        )
      )
    );
}

/** `--from`, else the project's output folder; refused when that build has the sample brand (and no --allow-sample-brand). */
async function builtFolder(options: { from?: string; config?: string; allowSampleBrand?: boolean }): Promise<string> {
  const project = await openProject({ config: options.config, out: options.from });
  await refuseSampleBrandBuild(project.outDir, project, options.allowSampleBrand);
  return project.outDir;
}

/** Runs a push with a report that scrubs the secrets it learns (credentials, then the token) from every line and from any error. */
async function withRedaction(io: Io, run: (report: PushReport) => Promise<void>): Promise<void> {
  const secrets: string[] = [];
  const report: PushReport = {
    say: (line) => io.out(redact(line, secrets)),
    progress: (line) => io.progress(redact(line, secrets)),
    secret: (value) => void secrets.push(value),
  };
  try {
    await run(report);
  } catch (error) {
    if (error instanceof Error) error.message = redact(error.message, secrets);
    throw error;
  }
}

/** A flag parser whose errors commander reports as bad usage (exit 2), naming the flag. */
const flagValue = (parse: (value: string) => string) => (value: string) => {
  try {
    return parse(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

function required(command: Command, value: string | undefined, flag: string, envVar: string, what: string): string {
  if (value?.trim()) return value.trim();
  return command.error(`authmail: missing ${what}: pass ${flag} or set ${envVar}`, { exitCode: 2, code: 'authmail.missingCredential' });
}
