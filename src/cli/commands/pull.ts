/** `authmail pull logto|postmark`: what a service stores into a snapshot file (src/push/logto/tenants.ts, src/push/postmark/snapshots.ts). */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { pullLogto } from '../../push/logto/tenants.ts';
import { pullPostmark } from '../../push/postmark/snapshots.ts';
import type { Io } from '../io.ts';
import { openProject, projectOptions } from '../project.ts';
import {
  logtoTenantOptions,
  openPostmarkServer,
  openTenant,
  postmarkServerOptions,
  snapshotFolder,
  snapshotsDirOption,
  withRedaction,
  type TenantFlags,
} from '../push-shared.ts';

export function registerPull(program: Command, io: Io) {
  const pull = program.command('pull').description('Read what a service stores into a snapshot file (for `push … --restore` and `promote`).');
  logtoTenantOptions(
    projectOptions(
      pull
        .command('logto')
        .description("Write the tenant's stored email templates (GET /api/email-templates) into a snapshot file: sorted, hashed, with endpoint and time."),
      ['config']
    )
  )
    .option('--out <file>', 'write this file (default: a new snapshot in the snapshot folder, pruned to snapshots.keep)')
    .option('--dry-run', 'read and summarise the templates; write no file')
    .addOption(snapshotsDirOption())
    .addHelpText('after', '\nSee docs/push.md ("Snapshots, restore and promote").')
    .action((options: TenantFlags & { out?: string }) =>
      withRedaction(io, async (report) => {
        const { target, snapshots } = await openTenant(options);
        return pullLogto({ target, snapshots, out: options.out ? resolve(options.out) : undefined, dryRun: options.dryRun }, report);
      })
    );

  postmarkServerOptions(
    projectOptions(pull.command('postmark').description("Write the server's authmail-… templates (GET /templates, then each by alias) into a snapshot file."), [
      'config',
    ])
  )
    .option('--out <file>', 'write this file (default: a new snapshot in the snapshot folder, pruned to snapshots.keep)')
    .option('--dry-run', 'read and summarise the templates; write no file')
    .addOption(snapshotsDirOption())
    .action((options: { config?: string; serverToken?: string; apiUrl: string; out?: string; dryRun?: boolean; snapshotsDir?: string }, command: Command) =>
      withRedaction(io, async (report) => {
        const server = openPostmarkServer(command, options);
        const project = await openProject({ config: options.config });
        return pullPostmark(
          {
            server,
            snapshots: snapshotFolder(project.snapshots, options.snapshotsDir),
            out: options.out ? resolve(options.out) : undefined,
            dryRun: options.dryRun,
          },
          report
        );
      })
    );
}
