/**
 * What `push`, `pull` and `promote` share: the Logto tenant flags, the snapshot folder, and a
 * report whose every line (and any error) is scrubbed of the secrets the run learns.
 */
import { Option, type Command } from 'commander';
import { parseApiUrl, postmarkApiUrl } from '../push/postmark/api.ts';
import type { PostmarkServer } from '../push/postmark/snapshots.ts';
import { redact } from '../push/http.ts';
import { resolveLogtoTarget, shellQuote, type LogtoTargetFlags } from '../push/logto/target.ts';
import type { LogtoTarget } from '../push/logto/client.ts';
import type { PushReport } from '../push/report.ts';
import type { SnapshotFolder } from '../push/snapshot-files.ts';
import { resolve } from 'node:path';
import type { Io } from './io.ts';
import { openProject, type Project } from './project.ts';

export interface TenantFlags extends LogtoTargetFlags {
  snapshotsDir?: string;
  dryRun?: boolean;
}

/** --env / --endpoint / --app-id / --app-secret / --resource. Credentials are read from the environment by resolveLogtoTarget. */
export function logtoTenantOptions(command: Command): Command {
  return command
    .option('--env <name>', 'a Logto environment named in the config (logto.<name>.endpoint); credentials from LOGTO_<NAME>_APP_ID / LOGTO_<NAME>_APP_SECRET')
    .option('--endpoint <url>', 'your Logto endpoint, e.g. https://<tenant-id>.logto.app (http only on loopback; env LOGTO_ENDPOINT)')
    .option('--app-id <id>', 'App ID of a machine-to-machine app with Management API access (env LOGTO_APP_ID, or LOGTO_<ENV>_APP_ID)')
    .option('--app-secret <secret>', 'App secret of that app (env LOGTO_APP_SECRET, or LOGTO_<ENV>_APP_SECRET; prefer the env var: flags show in `ps`)')
    .option(
      '--resource <url>',
      'Management API identifier to request the token for (default: https://<tenant-id>.logto.app/api for *.logto.app endpoints, else https://default.logto.app/api)'
    );
}

export const snapshotsDirOption = () =>
  new Option('--snapshots-dir <dir>', "snapshot folder (default: the config's snapshots.dir, else .authmail/snapshots beside the config)");

/**
 * The tenant a command's flags name, the project's snapshot folder (`--snapshots-dir` wins), and
 * the project itself (its output folder is `--from`, else the config's), read once.
 */
export async function openTenant(flags: TenantFlags & { from?: string }): Promise<{ target: LogtoTarget; snapshots: SnapshotFolder; project: Project }> {
  const project = await openProject({ config: flags.config, out: flags.from });
  return {
    target: withSnapshotsDir(resolveLogtoTarget(flags, project.logto), flags.snapshotsDir),
    snapshots: snapshotFolder(project.snapshots, flags.snapshotsDir),
    project,
  };
}

/** The restore command a failure prints must find the same snapshot folder. */
export const withSnapshotsDir = (target: LogtoTarget, dir: string | undefined): LogtoTarget =>
  dir ? { ...target, selector: `${target.selector} --snapshots-dir ${shellQuote(resolve(dir))}` } : target;

export const snapshotFolder = (configured: SnapshotFolder, flag: string | undefined): SnapshotFolder =>
  flag ? { dir: resolve(flag), keep: configured.keep } : configured;

/** Runs with a report that scrubs the secrets it learns (credentials, then the token) from every line and from any error. */
export async function withRedaction(io: Io, run: (report: PushReport) => Promise<unknown>): Promise<void> {
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

/** --server-token (env POSTMARK_SERVER_TOKEN) and --api-url. */
export function postmarkServerOptions(command: Command): Command {
  return command
    .addOption(new Option('--server-token <token>', 'Postmark server API token (prefer the env var: flags show in `ps`)').env('POSTMARK_SERVER_TOKEN'))
    .addOption(new Option('--api-url <url>', 'Postmark API base URL (for proxies and tests; http only on loopback)').default(postmarkApiUrl));
}

export function openPostmarkServer(command: Command, options: { serverToken?: string; apiUrl: string }): PostmarkServer {
  const serverToken = options.serverToken?.trim();
  if (!serverToken)
    command.error('authmail: missing Postmark server token: pass --server-token or set POSTMARK_SERVER_TOKEN', {
      exitCode: 2,
      code: 'authmail.missingCredential',
    });
  // Parsed here, not by commander: its own message would echo the value, credentials included.
  return { serverToken: serverToken!, apiUrl: parseApiUrl(options.apiUrl) };
}

/** How the restore command names this server: the API URL when not the default, the config and snapshot folder when given. */
export function postmarkSelector(options: { config?: string; snapshotsDir?: string }, apiUrl: string): string {
  return [
    apiUrl === postmarkApiUrl ? '' : `--api-url ${shellQuote(apiUrl)}`,
    options.config ? `--config ${shellQuote(options.config)}` : '',
    options.snapshotsDir ? `--snapshots-dir ${shellQuote(resolve(options.snapshotsDir))}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
